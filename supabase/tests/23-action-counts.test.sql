-- get_action_counts(): the Today page's counts of what waits for the admin; 42501 for everyone else.
begin;
select plan(7);
select tests.build_world();

select tests.authenticate_as_anon();
select throws_ok($$ select public.get_action_counts() $$, '42501', null, 'anon cannot read the action counts');
select tests.authenticate_as('student_a');
select throws_ok($$ select public.get_action_counts() $$, '42501', 'only an admin can read the action counts',
  'a student cannot read the action counts');
select tests.authenticate_as('instructor_a');
select throws_ok($$ select public.get_action_counts() $$, '42501', null, 'an instructor cannot read them either');

-- The world has one new lead with one new CTA submission, and no dead message yet.
select tests.authenticate_as('admin');
create temporary table before_counts on commit drop as select public.get_action_counts() as c;
select results_eq(
  $$ select (c ->> 'new_leads')::int, (c ->> 'pending_reviews')::int, (c ->> 'dead_messages')::int from before_counts $$,
  $$ values (1, 1, 0) $$,
  'the counts name the new lead, its submission and no dead message');
select is(
  (select array_agg(k order by k) from before_counts, jsonb_object_keys(c) k),
  array['dead_messages', 'new_leads', 'payments_pending', 'pending_reviews', 'unread_conversations'],
  'every count the page shows is there');

-- Each count follows the rows it counts.
select tests.clear_authentication();
insert into public.leads (full_name, email, source) values ('Second lead', 'second@test.local', 'manual');
update public.outbox set status = 'dead', last_error = 'gave up';
select tests.authenticate_as('admin');
select is((public.get_action_counts() ->> 'new_leads')::int, 2, 'a new lead adds one');
select is((public.get_action_counts() ->> 'dead_messages')::int,
  (select count(*)::int from public.outbox), 'a dead-lettered message is counted');
select tests.clear_authentication();

select * from finish();
rollback;
