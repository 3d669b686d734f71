-- Talking to contacts: conversations, the CRM timeline, channel logs, the outbox and webhook events
-- are the admins' alone; statuses move forward; replies stop sequences; keys stay unique.
begin;
select plan(7 * 25 + 14);
select tests.build_world();

select tests.rls_matrix('public.conversations', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'AL',   'AL',   'AL',   'AL']
]);
select tests.rls_matrix('public.crm_messages', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'AL',   'AL',   'AL',   'AL']
]);
-- Logs, the outbox and webhook events are written by the service only; admins read them. Admins pause,
-- resume, retry or cancel outbox items through the service, never by writing the rows themselves.
select tests.rls_matrix('public.email_logs', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    '-',    '-',    '-']
]);
select tests.rls_matrix('public.whatsapp_logs', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    '-',    '-',    '-']
]);
select tests.rls_matrix('public.call_logs', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    '-',    '-',    '-']
]);
select tests.rls_matrix('public.outbox', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    '-',    '-',    '-']
]);
select tests.rls_matrix('public.webhook_events', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'W',    '-',    '-',    '-']
]);

-- Delivery statuses only move forward; each step is stamped.
update public.crm_messages set status = 'delivered' where provider_message_id = 'sg-1';
update public.crm_messages set status = 'sent' where provider_message_id = 'sg-1';
select results_eq(
  $$ select status::text, delivered_at is not null from public.crm_messages where provider_message_id = 'sg-1' $$,
  $$ values ('delivered', true) $$,
  'a late "sent" does not overwrite "delivered", which was stamped');
select throws_ok(
  $$ insert into public.crm_messages (conversation_id, channel, direction, status, provider, provider_message_id)
     select conversation_id, 'email', 'outbound', 'queued', 'sendgrid', 'sg-1' from public.crm_messages limit 1 $$,
  '23505', null, 'a provider message id is unique per provider');
select throws_ok(
  $$ insert into public.crm_messages (conversation_id, channel, direction, status)
     select id, 'email', 'inbound', 'sent' from public.conversations limit 1 $$,
  '23514', null, 'an inbound message has status received');

-- An inbound message files into its conversation and stops sequences that stop on a reply.
update public.conversations set status = 'closed' where lead_id is not null;
insert into public.crm_messages (conversation_id, party, channel, direction, body, status)
select id, 'parent', 'whatsapp', 'inbound', 'Is there a weekend batch?', 'received'
  from public.conversations where lead_id is not null;
select results_eq(
  $$ select unread_count, status::text, last_inbound_at is not null, last_message_preview
       from public.conversations where lead_id is not null $$,
  $$ values (1, 'open', true, 'Is there a weekend batch?') $$,
  'an inbound message counts as unread, reopens the conversation and becomes its preview');
select results_eq(
  $$ select status::text, stop_reason from public.sequence_enrollments $$,
  $$ values ('stopped', 'replied') $$,
  'a reply stops the lead''s sequence');
select ok(
  (select private.whatsapp_window_ends_at(id, 'parent') > now() + interval '23 hours'
     from public.conversations where lead_id is not null),
  'the parent''s WhatsApp window is open for 24 hours after their message');
select is(
  (select private.whatsapp_window_ends_at(id, 'self') from public.conversations where lead_id is not null),
  null, 'the lead''s own WhatsApp window is not opened by the parent''s message');

-- An admin's direct write to the outbox is refused outright (no privilege), not silently matched by no
-- row; the service role keeps writing it.
select tests.authenticate_as('admin');
select throws_ok(
  $$ update public.outbox set status = 'paused' where status = 'pending' $$,
  '42501', null, 'an admin cannot pause an outbox item by updating it');
select throws_ok(
  $$ delete from public.outbox $$,
  '42501', null, 'an admin cannot delete outbox items');
select tests.authenticate_as_service_role();
select isnt_empty(
  $$ update public.outbox set max_attempts = max_attempts returning id $$,
  'the service role still updates the outbox');
select tests.clear_authentication();

-- Outbox and webhook keys.
select throws_ok(
  $$ insert into public.outbox (channel, operation, idempotency_key, payload)
     select channel, operation, idempotency_key, payload from public.outbox limit 1 $$,
  '23505', null, 'an idempotency key enqueues only once');
select throws_ok(
  $$ update public.outbox set status = 'processing' $$,
  '23514', null, 'a row is processing only with its worker and lock time');
select throws_ok(
  $$ insert into public.webhook_events (provider, event_id, signature_verified, raw_body)
     values ('sendgrid', 'evt-1', true, '[]') $$,
  '23505', null, 'a provider event is stored once');
select throws_ok(
  $$ update public.outbox set attempts = 9 $$,
  '23514', null, 'attempts never exceed max_attempts');

select * from finish();
rollback;
