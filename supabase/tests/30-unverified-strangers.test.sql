-- Unverified emails from an address that is nobody's (docs/decisions/0691): a thread of that address alone,
-- with neither lead nor profile, admins-only like every thread; a lead made with the address takes it over,
-- and only an admin may make one of it by hand.
begin;
select plan(11);
select tests.build_world();

select is(private.unverified_sender_thread('stranger@elsewhere.test'),
          private.unverified_sender_thread('Stranger@Elsewhere.test'),
          'one thread per claimed address, whatever its case');
insert into public.crm_messages (conversation_id, channel, direction, body, status, claimed_sender)
values (private.unverified_sender_thread('stranger@elsewhere.test'), 'email', 'inbound', 'Hello?', 'received',
        'stranger@elsewhere.test');
select results_eq(
  $$ select lead_id, profile_id, unread_count, last_message_preview
       from public.conversations where unverified_sender = 'stranger@elsewhere.test' $$,
  $$ values (null::uuid, null::uuid, 1, 'Unverified sender: Hello?') $$,
  'the thread has no contact, and its email is unread and shown unverified');
select throws_ok(
  $$ update public.conversations set unverified_sender = 'x@elsewhere.test'
      where id = tests.fixture_id('public.conversations', 'L') $$,
  '23514', null, 'a contact''s thread names no unverified sender');
select throws_ok($$ insert into public.conversations default values $$,
  '23514', null, 'a thread still needs a contact or an unverified sender');

select tests.authenticate_as('student_a');
select is_empty($$ select 1 from public.conversations where unverified_sender is not null $$,
  'a student does not see a stranger''s thread');
select throws_ok(
  $$ select public.make_lead_of_unverified_sender(
       (select id from public.conversations where unverified_sender = 'stranger@elsewhere.test'), 'S') $$,
  '42501', null, 'a student cannot make a lead of it');
select tests.authenticate_as_anon();
select throws_ok(
  $$ select public.make_lead_of_unverified_sender(gen_random_uuid(), 'S') $$,
  '42501', null, 'anon cannot call it');

select tests.authenticate_as('admin');
select isnt_empty($$ select 1 from public.conversations where unverified_sender = 'stranger@elsewhere.test' $$,
  'an admin sees it');
select isnt(public.make_lead_of_unverified_sender(
                (select id from public.conversations where unverified_sender = 'stranger@elsewhere.test'), ' Sam '),
            null, 'an admin makes a lead of it');
select results_eq(
  $$ select l.full_name, l.source::text, c.unverified_sender::text, c.unread_count
       from public.leads l join public.conversations c on c.lead_id = l.id
      where l.email = 'stranger@elsewhere.test' $$,
  $$ values ('Sam', 'manual', null::text, 1) $$,
  'the lead takes the thread over, its email still unread');
select throws_ok(
  $$ select public.make_lead_of_unverified_sender(tests.fixture_id('public.conversations', 'L'), 'S') $$,
  '22023', null, 'a contact''s thread is not made a lead again');
select tests.clear_authentication();

select * from finish();
rollback;
