-- An email whose sender nothing authenticated (docs/decisions/0674): the admin sees it, unread and marked
-- unverified, but it is no reply of the contact's: their follow-ups go on and the Today feed does not name
-- them as its author. Only an inbound message can carry a claimed sender.
begin;
select plan(6);
select tests.build_world();

update public.conversations set status = 'closed' where id = tests.fixture_id('public.conversations', 'L');
insert into public.crm_messages (conversation_id, channel, direction, subject, body, status, claimed_sender)
values (tests.fixture_id('public.conversations', 'L'), 'email', 'inbound', 'Re: Welcome', 'START', 'received',
        'lead.l@test.local');
select results_eq(
  $$ select unread_count, status::text, last_inbound_at is null, last_message_preview
       from public.conversations where id = tests.fixture_id('public.conversations', 'L') $$,
  $$ values (1, 'open', true, 'Unverified sender: Re: Welcome') $$,
  'an unverified email is unread, reopens the thread and its preview says it is unverified, not a reply');
select is(
  (select status::text from public.sequence_enrollments where id = tests.fixture_id('public.sequence_enrollments', 'L')),
  'active', 'an unverified email does not stop the contact''s follow-ups');

select tests.authenticate_as('admin');
select results_eq(
  $$ select title, detail ->> 'preview' from public.get_recent_activity(100)
      where kind = 'message_received' and entity_id <> tests.fixture_id('public.crm_messages', 'A') $$,
  $$ values ('Unverified sender claiming lead.l@test.local', 'START') $$,
  'the Today feed titles an unverified email by the address it claims, said to be unverified');
select tests.clear_authentication();

insert into public.crm_messages (conversation_id, channel, direction, body, status)
values (tests.fixture_id('public.conversations', 'L'), 'email', 'inbound', 'Is there a weekend batch?', 'received');
select results_eq(
  $$ select last_inbound_at is not null, last_message_preview
       from public.conversations where id = tests.fixture_id('public.conversations', 'L') $$,
  $$ values (true, 'Is there a weekend batch?') $$,
  'a verified reply after it is the contact''s latest message');
select is(
  (select stop_reason from public.sequence_enrollments where id = tests.fixture_id('public.sequence_enrollments', 'L')),
  'replied', 'and stops the follow-ups that stop on a reply');

select throws_ok(
  $$ insert into public.crm_messages (conversation_id, channel, direction, body, status, claimed_sender)
     values (tests.fixture_id('public.conversations', 'L'), 'email', 'outbound', 'Hi', 'queued', 'a@b.example') $$,
  '23514', null, 'an outbound message claims no sender');

select * from finish();
rollback;
