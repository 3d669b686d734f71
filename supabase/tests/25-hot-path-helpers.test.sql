-- The helpers made cheaper for intake, payment conversion and enqueueing (decision 0640) record what they
-- recorded: the JWT read as auth.uid() / auth.role() read it, the audit actor and role, the funnel stages,
-- conversations found and filed as before, and a payment's welcome queued once per key.
begin;
select plan(28);
select tests.build_world();

-- The JWT readers agree with Supabase's own, whichever way the claims arrive.
create temporary table claim_cases (sub text, role text, claims text) on commit drop;
insert into claim_cases values
  (null, null, null), ('', '', ''), ('3f1c5a52-64b7-4c1e-9a43-3d9d1a1f0a01', 'authenticated', null),
  (null, null, '{"sub": "5b0c7d1e-2a4f-4e7b-8f9a-0c1d2e3f4a5b", "role": "authenticated"}'),
  ('3f1c5a52-64b7-4c1e-9a43-3d9d1a1f0a01', 'anon', '{"sub": "5b0c7d1e-2a4f-4e7b-8f9a-0c1d2e3f4a5b", "role": "x"}'),
  ('', '', '{"role": "service_role"}');
create function pg_temp.readers(c claim_cases) returns table (uid_same boolean, role_same boolean)
language plpgsql as $$
begin
  perform set_config('request.jwt.claim.sub', coalesce(c.sub, ''), true);
  perform set_config('request.jwt.claim.role', coalesce(c.role, ''), true);
  perform set_config('request.jwt.claims', coalesce(c.claims, ''), true);
  return query select private.jwt_uid() is not distinct from auth.uid(),
                      private.jwt_role() is not distinct from auth.role();
end
$$;
select is((select count(*)::int from claim_cases c, pg_temp.readers(c) r where r.uid_same), 6,
  'private.jwt_uid() reads the subject as auth.uid() does');
select is((select count(*)::int from claim_cases c, pg_temp.readers(c) r where r.role_same), 6,
  'private.jwt_role() reads the role as auth.role() does');
select set_config('request.jwt.claim.sub', '', true), set_config('request.jwt.claim.role', '', true);
select tests.clear_authentication();

-- Audit rows and consent stamps name the actor and role, with and without a JWT.
select tests.authenticate_as('admin');
insert into public.consents (lead_id, channel, state, source)
values (tests.fixture_id('public.leads', 'L'), 'email', 'opted_in', 'admin');
select tests.clear_authentication();
select results_eq(
  $$ select a.actor_id, a.actor_role, c.recorded_by from public.audit_logs a
       join public.consents c on a.entity_id = c.id::text
      where a.action = 'insert' and c.lead_id = tests.fixture_id('public.leads', 'L') and c.channel = 'email' $$,
  $$ values (tests.get_supabase_uid('admin'), 'admin', tests.get_supabase_uid('admin')) $$,
  'an admin''s consent is audited with their id and role and stamped with their id');
select tests.authenticate_as_service_role();
update public.payments set status_checked_at = now() where id = tests.fixture_id('public.payments', 'L');
select tests.clear_authentication();
select results_eq(
  $$ select actor_id, actor_role, array(select jsonb_object_keys(changes -> 'new'))
       from public.audit_logs where entity_table = 'payments' and action = 'update'
        and entity_id = tests.fixture_id('public.payments', 'L')::text $$,
  $$ values (null::uuid, 'service_role', array['status_checked_at']) $$,
  'a service-role update is audited without an actor, under the JWT''s role');
update public.payments set status_checked_at = now() + interval '1 minute'
 where id = tests.fixture_id('public.payments', 'L');
select is(
  (select array_agg(actor_role order by actor_role) from public.audit_logs
    where entity_table = 'payments' and action = 'update'
      and entity_id = tests.fixture_id('public.payments', 'L')::text),
  array['service_role', 'system'], 'an update without a JWT is audited as system');

-- The funnel stage of each status, and the rollup through a statement that changes no lead.
select is(
  array(select private.lead_status_stage(s) from unnest(enum_range(null::public.lead_status)) s
         order by s),
  array(select case s when 'contacted' then 1 when 'interested' then 2 when 'payment_sent' then 2
                      when 'enrolled' then 3 else 0 end::smallint
          from unnest(enum_range(null::public.lead_status)) s order by s),
  'each lead status keeps its funnel stage');
create temporary table rollup_before on commit drop as select * from private.lead_funnel_daily;
update public.leads set notes = 'untouched' where false;
select private.advance_lead(tests.fixture_id('public.leads', 'L'), null, 0::smallint);
select set_eq($$ select * from private.lead_funnel_daily $$, $$ select * from rollup_before $$,
  'a statement that changes no lead leaves the rollup as it was');

-- Messages for two threads in one statement file into each; an inbound one stops the lead's sequence.
update public.conversations set status = 'closed', unread_count = 0
 where id in (tests.fixture_id('public.conversations', 'L'), tests.fixture_id('public.conversations', 'A'));
insert into public.crm_messages (conversation_id, channel, direction, body, status, created_at)
values (tests.fixture_id('public.conversations', 'L'), 'whatsapp', 'inbound', 'lead asks', 'received',
        now() + interval '1 hour'),
       (tests.fixture_id('public.conversations', 'A'), 'email', 'outbound', 'student told', 'queued',
        now() + interval '2 hours');
select results_eq(
  $$ select last_message_preview, last_channel::text, unread_count, status::text from public.conversations
      where id in (tests.fixture_id('public.conversations', 'L'), tests.fixture_id('public.conversations', 'A'))
      order by last_message_preview $$,
  $$ values ('lead asks', 'whatsapp', 1, 'open'), ('student told', 'email', 0, 'closed') $$,
  'each thread of a multi-thread insert is filed on its own');
select is((select status::text || '/' || stop_reason from public.sequence_enrollments
            where id = tests.fixture_id('public.sequence_enrollments', 'L')),
  'stopped/replied', 'a reply stops the lead''s sequence');

-- A paid payment of a lead without an account: the lead enrolled once, the rollup equal to a recount.
update public.payments set provider_order_id = 'ORDER-L' where id = tests.fixture_id('public.payments', 'L');
select is(private.apply_payment_state('instamojo', 'ORDER-L', 'paid',
            (select amount_paise from public.payments where id = tests.fixture_id('public.payments', 'L')),
            'MOJO-L', null, '{}'), 'paid',
  'the payment moves to paid');
select is((select funnel_stage::int from public.leads where id = tests.fixture_id('public.leads', 'L')), 3,
  'the paying lead reaches the enrolled stage');
create temporary table kept on commit drop as
select day, source, stage, sum(leads) as leads from private.lead_funnel_daily
 group by 1, 2, 3 having sum(leads) <> 0;
select private.rebuild_lead_funnel();
select set_eq($$ select * from kept $$,
  $$ select day, source, stage, sum(leads) from private.lead_funnel_daily group by 1, 2, 3 $$,
  'after a conversion the rollup equals a recount');
select is((select count(*)::int from public.audit_logs where entity_table = 'payments' and action = 'update'
             and entity_id = tests.fixture_id('public.payments', 'L')::text
             and changes -> 'new' ->> 'status' = 'paid'), 1, 'the conversion''s payment update is audited');

-- Conversations: a profile's own thread first, else the lead's, else a new one.
select is(private.conversation_of(tests.fixture_id('public.leads', 'L'), tests.fixture_id('public.profiles', 'A')),
  tests.fixture_id('public.conversations', 'A'), 'the profile''s thread wins over the lead''s');
select is(private.conversation_of(tests.fixture_id('public.leads', 'L'), null),
  tests.fixture_id('public.conversations', 'L'), 'a lead''s thread is found by its lead');
select is(private.conversation_of(tests.fixture_id('public.leads', 'L'), tests.fixture_id('public.profiles', 'B')),
  tests.fixture_id('public.conversations', 'L'), 'a profile without a thread falls back to the lead''s');
select is(private.conversation_for(null, tests.fixture_id('public.profiles', 'A')),
  tests.fixture_id('public.conversations', 'A'), 'conversation_for answers as conversation_of');
insert into public.leads (full_name, email) values ('Thread T', 'thread-t@test.local');
create temporary table started on commit drop as
select private.conversation_of(id, null) as id from public.leads where full_name = 'Thread T';
select is((select id from started),
  (select c.id from public.conversations c join public.leads l on l.id = c.lead_id where l.full_name = 'Thread T'),
  'a contact without a thread gets one');
select is((select count(*)::int from public.conversations c join public.leads l on l.id = c.lead_id
            where l.full_name = 'Thread T'), 1, 'and only one');
select throws_ok($$ select private.conversation_of(null, null) $$, '22004', null,
  'a conversation needs a lead or a profile');

-- A payment's welcome: a key already queued writes nothing; a new one its outbox row, with the facts to
-- render at send time, and its timeline row; the note goes last, so it is the thread's preview.
update public.profiles set phone = '+919800000001' where id = tests.fixture_id('public.profiles', 'A');
insert into public.outbox (channel, operation, idempotency_key, payload)
values ('email', 'send', format('student_welcome:email:%s:%s', tests.fixture_id('public.profiles', 'A'),
                                tests.fixture_id('public.batches', 'A')), '{}');
select private.enqueue_seat_messages(p, tests.fixture_id('public.profiles', 'A'),
                                       tests.fixture_id('public.conversations', 'A'), 'Paid, enrolled')
  from public.payments p where p.id = tests.fixture_id('public.payments', 'A');
select is((select count(*)::int from public.outbox where idempotency_key like 'student_welcome:email:%'), 1,
  'a key already queued is not queued again');
select results_eq(
  $$ select o.payload ->> 'phone', o.payload -> 'render' ->> 'message', o.payload -> 'render' ->> 'batch_name',
            o.profile_id, m.template, m.status::text, m.body, m.conversation_id
       from public.outbox o join public.crm_messages m on m.id = o.crm_message_id
      where o.idempotency_key like 'student_welcome:whatsapp:%' $$,
  $$ values ('+919800000001', 'student_welcome', 'Batch A', tests.fixture_id('public.profiles', 'A'),
             'student_welcome', 'queued', null::text, tests.fixture_id('public.conversations', 'A')) $$,
  'a new key is queued with the facts to render and its timeline row in the thread');
select is((select count(*)::int from public.crm_messages
            where conversation_id = tests.fixture_id('public.conversations', 'A') and template = 'student_welcome'),
  1, 'only the new message gets a timeline row');
select is((select payload from public.outbox
            where idempotency_key = 'send_receipt:' || tests.fixture_id('public.payments', 'A')),
  jsonb_build_object('payment_id', tests.fixture_id('public.payments', 'A'),
                     'student_id', tests.fixture_id('public.profiles', 'A')),
  'the receipt job is queued with the welcome');
select is((select last_message_preview from public.conversations where id = tests.fixture_id('public.conversations', 'A')),
  'Paid, enrolled', 'the note is the thread''s preview');

-- The center's zone, else the default.
update public.center_settings set timezone = 'Europe/Berlin';
select is(private.center_timezone(), 'Europe/Berlin', 'the center''s zone');
delete from public.center_settings;
select is(private.center_timezone(), 'Asia/Kolkata', 'without settings, the default zone');

select is_empty(
  $$ select 1 from pg_indexes where schemaname = 'public' and tablename = 'leads'
      and indexdef like '%(converted_profile_id)%' and indexname <> 'leads_converted_profile_id_key' $$,
  'leads are looked up by converted_profile_id through the unique index alone');

select * from finish();
rollback;
