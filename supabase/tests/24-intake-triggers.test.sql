-- The triggers on the lead-intake path (decision 0560) record what they always recorded: the audit log
-- names the JWT's user and role, else 'system', keeps the whole row on insert and delete and only the
-- changed columns on update, redacts secrets (inserts and deletes in one statement each, updates per
-- row); the funnel rollup agrees with a recount; messages inserted together file into their thread as
-- if one by one.
begin;
select plan(16);
select tests.build_world();

-- The audit helpers.
select is(private.redact('{"id": 1, "secret": "x"}', array['secret']),
  jsonb_build_object('id', 1, 'secret', 'redacted:' || md5('"x"')), 'a secret column becomes its digest');
select is(private.redact('{"id": 1}', array[]::text[]), '{"id": 1}'::jsonb, 'nothing to redact keeps the row');
select is(private.audit_changes('{"a": 1, "b": 2, "updated_at": 3}', '{"a": 1, "b": 5, "updated_at": 4}'),
  '{"old": {"b": 2}, "new": {"b": 5}}'::jsonb, 'an update keeps the changed columns, updated_at aside');
select is(private.audit_changes('{"a": 1, "updated_at": 3}', '{"a": 1, "updated_at": 4}'), null,
  'an update of updated_at alone is no change');

-- As the service (no JWT): every consent of a multi-row insert is audited as 'system', whole.
select tests.clear_authentication();
insert into public.leads (full_name, email, source) values ('Audit A', 'audit-a@test.local', 'form');
insert into public.consents (lead_id, channel, state, source)
select l.id, c::public.contact_channel, 'opted_in', 'form'
  from public.leads l cross join unnest(array['email', 'whatsapp']) c
 where l.full_name = 'Audit A';
create temporary table audit_a on commit drop as
select a.* from public.audit_logs a join public.consents c on a.entity_id = c.id::text
  join public.leads l on l.id = c.lead_id
 where l.full_name = 'Audit A';
select results_eq(
  $$ select actor_id, actor_role, action, changes -> 'new' ->> 'channel' from audit_a order by 4 $$,
  $$ values (null::uuid, 'system', 'insert', 'email'), (null, 'system', 'insert', 'whatsapp') $$,
  'a service insert is audited once per row, as system');
select is_empty(
  $$ select 1 from audit_a a join public.consents c on a.entity_id = c.id::text
      where a.changes is distinct from jsonb_build_object('new', to_jsonb(c)) $$,
  'an insert keeps the whole new row');

update public.consents set state = state
 where lead_id = (select id from public.leads where full_name = 'Audit A');
select is((select count(*)::int from public.audit_logs where entity_table = 'consents' and action = 'update'),
  0, 'an update that changes nothing is not audited');

-- As an admin: the actor and their role.
select tests.authenticate_as('admin');
update public.consents set state = 'opted_out', source = 'admin'
 where lead_id = (select id from public.leads where full_name = 'Audit A') and channel = 'email';
select tests.clear_authentication();
select results_eq(
  $$ select actor_id, actor_role, array(select jsonb_object_keys(changes -> 'new') order by 1)
       from public.audit_logs where entity_table = 'consents' and action = 'update' $$,
  $$ values (tests.get_supabase_uid('admin'), 'admin', array['recorded_by', 'source', 'state']) $$,
  'an admin''s update is audited with their id and role, and only the columns it changed');

delete from public.consents where lead_id = (select id from public.leads where full_name = 'Audit A')
   and channel = 'whatsapp';
select is(
  (select changes -> 'old' ->> 'channel' from public.audit_logs where entity_table = 'consents'
      and action = 'delete'),
  'whatsapp', 'a delete keeps the whole old row');

-- A delete that cascades from the lead is audited too; inserts and deletes are audited per statement.
delete from public.leads where full_name = 'Audit A';
select is((select count(*)::int from public.audit_logs where entity_table = 'consents' and action = 'delete'),
  2, 'a consent deleted with its lead is audited');
select is_empty(
  $$ select tgrelid::regclass from pg_trigger
      where tgfoid = 'private.record_audit'::regproc and tgtype & (4 | 8) <> 0 $$,
  'no audit trigger runs per row for inserts or deletes');

-- The funnel rollup through inserts (several in one statement), updates and deletes.
insert into public.leads (full_name, email, source, status)
values ('Funnel B', 'funnel-b@test.local', 'import', 'new'),
       ('Funnel C', 'funnel-c@test.local', 'import', 'interested'),
       ('Funnel D', 'funnel-d@test.local', 'manual', 'contacted');
update public.leads set status = 'contacted' where full_name in ('Funnel B', 'Funnel D');
delete from public.leads where full_name = 'Funnel D';
create temporary table kept on commit drop as
select day, source, stage, sum(leads) as leads from private.lead_funnel_daily
 group by 1, 2, 3 having sum(leads) <> 0;
select isnt_empty($$ select 1 from kept where source = 'import' and stage = 2 $$,
  'the rollup counts the leads of a multi-row insert');
select is((select count(*)::int from private.lead_funnel_daily where shard <> pg_backend_pid() % 8),
  0, 'this session writes only its own shard');
select private.rebuild_lead_funnel();
select set_eq(
  $$ select * from kept $$,
  $$ select day, source, stage, sum(leads) from private.lead_funnel_daily group by 1, 2, 3 $$,
  'the rollup kept by the triggers equals a recount from the leads');

-- Several messages in one statement leave the thread as one by one would: the latest time, the last
-- inserted message's preview and channel, one unread per inbound message, reopened by an inbound one.
update public.conversations set status = 'closed', unread_count = 0
 where id = tests.fixture_id('public.conversations', 'A');
insert into public.crm_messages (conversation_id, channel, direction, body, status, created_at)
select tests.fixture_id('public.conversations', 'A'), m.channel::public.message_channel,
       m.direction::public.message_direction, m.body, m.status::public.message_status, m.created_at
  from (values ('email', 'outbound', 'first', 'queued', now() + interval '2 hours'),
               ('whatsapp', 'inbound', 'second', 'received', now() + interval '3 hours'),
               ('call', 'outbound', 'third', 'queued', now() + interval '1 hour'))
       as m(channel, direction, body, status, created_at);
select results_eq(
  $$ select last_message_at, last_message_preview, last_channel::text, last_inbound_at, unread_count,
            status::text
       from public.conversations where id = tests.fixture_id('public.conversations', 'A') $$,
  $$ values (now() + interval '3 hours', 'third', 'call', now() + interval '3 hours', 1, 'open') $$,
  'a multi-row insert files into its thread as row by row did');
select is((select count(*)::int from pg_trigger where tgrelid = 'public.crm_messages'::regclass
            and tgname = 'crm_messages_file_in_conversation' and tgtype & 1 = 0), 1,
  'messages are filed once per statement');

select * from finish();
rollback;
