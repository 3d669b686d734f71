-- Support and notifications: students see their tickets without internal notes, and their own
-- notifications, of which they can change only read_at.
begin;
select plan(3 * 25 + 6);
select tests.build_world();

select tests.rls_matrix('public.support_tickets', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    'A',    '-',    '-'],
  ['student_b',       'B',    'B',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
-- N is an internal note on A's ticket. The world's messages are the admin's, so students cannot
-- re-create them; their own replies are tested below.
select tests.rls_matrix('public.ticket_messages', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'ABN',  'ABN',  'ABN',  'ABN']
]);
select tests.rls_matrix('public.notifications', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    'A',    'A'],
  ['student_b',       'B',    '-',    'B',    'B'],
  ['instructor_a',    'I',    '-',    'I',    'I'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'ABI',  'ABI',  'ABI',  'ABI']
]);

set local session_replication_role = replica;
update public.support_tickets set updated_at = now() - interval '1 day';
set local session_replication_role = origin;
select tests.authenticate_as('student_a');
select lives_ok(
  $$ insert into public.ticket_messages (ticket_id, author_id, body)
     values (tests.fixture_id('public.support_tickets', 'A'), auth.uid(), 'Still failing') $$,
  'a student replies on their own ticket');
select throws_ok(
  $$ insert into public.ticket_messages (ticket_id, author_id, body, is_internal)
     values (tests.fixture_id('public.support_tickets', 'A'), auth.uid(), 'psst', true) $$,
  '42501', null, 'a student cannot write an internal note');
select throws_ok(
  $$ insert into public.ticket_messages (ticket_id, author_id, body)
     values (tests.fixture_id('public.support_tickets', 'B'), auth.uid(), 'hello B') $$,
  '42501', null, 'a student cannot write on another student''s ticket');
select lives_ok(
  $$ update public.notifications set read_at = now() where user_id = auth.uid() $$,
  'a user marks their notifications read');
select throws_ok(
  $$ update public.notifications set title = 'Refund approved' where user_id = auth.uid() $$,
  '42501', null, 'a user cannot rewrite a notification');
select tests.clear_authentication();
select results_eq(
  $$ select id = tests.fixture_id('public.support_tickets', 'A'), updated_at = now()
       from public.support_tickets order by 1 $$,
  $$ values (false, false), (true, true) $$,
  'a new message moves its own ticket''s updated_at, and only that one');

select * from finish();
rollback;
