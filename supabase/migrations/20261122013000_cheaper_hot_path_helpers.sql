-- The helpers and triggers that lead intake, payment conversion and outbox enqueueing share cost less
-- database CPU and record the same facts (docs/decisions/0640-database-cpu-of-the-hot-write-paths.md):
-- no SQL-language helper planned on every call, no funnel statement without rows, conversations found
-- and filed through their unique indexes.

-- auth.uid() and auth.role() are SQL functions with SET search_path: never inlined, planned again on
-- each call. The triggers read the same two claims, the same way, through PL/pgSQL (plans kept per session).
create function private.jwt_uid() returns uuid
language plpgsql stable set search_path = '' as $$
begin
  return coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid;
end
$$;
comment on function private.jwt_uid() is
  'auth.uid() for triggers: the JWT''s subject, read as auth.uid() reads it, without its per-call planning.';

create function private.jwt_role() returns text
language plpgsql stable set search_path = '' as $$
begin
  return coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'));
end
$$;
comment on function private.jwt_role() is
  'auth.role() for triggers: the JWT''s role, read as auth.role() reads it, without its per-call planning.';

create or replace function private.audit_actor_role(actor uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  if actor is null then  -- the service: no profile to look up, no statement to run
    return coalesce(private.jwt_role(), 'system');
  end if;
  return coalesce((select p.role::text from public.profiles p where p.id = actor), private.jwt_role(), 'system');
end
$$;
comment on function private.audit_actor_role(uuid) is
  'The audit log''s actor_role: the actor''s app role, else the JWT role, else system.';

create or replace function private.record_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  changes jsonb;
  actor uuid;
begin
  if tg_nargs > 0 then
    before := private.redact(before, tg_argv);
    after := private.redact(after, tg_argv);
  end if;
  changes := private.audit_changes(before, after);
  if changes is not null then
    actor := private.jwt_uid();
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    values (actor, private.audit_actor_role(actor), lower(tg_op), tg_table_name,
            coalesce(after, before) ->> 'id', changes);
  end if;
  return null;
end
$$;

create or replace function private.record_audit_rows() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := private.jwt_uid();
  acting_role text := private.audit_actor_role(actor);
begin
  -- offset 0 keeps each subquery whole, so a row is redacted once, not once per use of row_data.
  if tg_op = 'INSERT' then
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    select actor, acting_role, 'insert', tg_table_name, r.row_data ->> 'id', jsonb_build_object('new', r.row_data)
      from (select private.redact(to_jsonb(n), tg_argv) as row_data from new_rows n offset 0) r;
  else
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    select actor, acting_role, 'delete', tg_table_name, r.row_data ->> 'id', jsonb_build_object('old', r.row_data)
      from (select private.redact(to_jsonb(o), tg_argv) as row_data from old_rows o offset 0) r;
  end if;
  return null;
end
$$;

-- Security definer: it runs for whoever writes the consent (an admin through the API, too), and
-- private.jwt_uid is not theirs to execute.
create or replace function private.stamp_consent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    new.recorded_at := now();
  end if;
  new.recorded_by := coalesce(private.jwt_uid(), new.recorded_by);
  return new;
end
$$;

create or replace function private.lead_status_stage(status public.lead_status) returns smallint
language plpgsql immutable set search_path = '' as $$
begin
  return case status
    when 'contacted' then 1
    when 'interested' then 2
    when 'payment_sent' then 2
    when 'enrolled' then 3
    else 0
  end;
end
$$;

-- The default zone was coerced to the time_zone domain on every call, whose check (private.is_time_zone)
-- opens a subtransaction; the answer is text either way.
create or replace function private.center_timezone() returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce((select s.timezone::text from public.center_settings s), 'Asia/Kolkata');
end
$$;

-- An update that changed no lead (e.g. the paid payment's private.advance_lead, after the conversion
-- already raised the lead) has nothing to add to the rollup. Inserts and deletes write no rollup row when
-- they have no rows, and asking first would cost every one of them a statement.
create or replace function private.count_leads_in_funnel() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  zone text;
  own_shard smallint := pg_backend_pid() % 8;
begin
  if tg_op = 'UPDATE' then  -- new_rows exists only for inserts and updates: a test of its own
    if not exists (select from new_rows) then
      return null;
    end if;
  end if;
  zone := private.center_timezone();
  if tg_op = 'INSERT' then
    insert into private.lead_funnel_daily as f (day, source, stage, shard, leads)
    select (c.created_at at time zone zone)::date, c.source, s.stage, own_shard, count(*)
      from new_rows c cross join lateral generate_series(0, c.funnel_stage) as s(stage)
     group by 1, 2, 3
    on conflict (day, source, stage, shard) do update set leads = f.leads + excluded.leads;
  elsif tg_op = 'DELETE' then
    insert into private.lead_funnel_daily as f (day, source, stage, shard, leads)
    select (c.created_at at time zone zone)::date, c.source, s.stage, own_shard, -count(*)
      from old_rows c cross join lateral generate_series(0, c.funnel_stage) as s(stage)
     group by 1, 2, 3
    on conflict (day, source, stage, shard) do update set leads = f.leads + excluded.leads;
  else
    insert into private.lead_funnel_daily as f (day, source, stage, shard, leads)
    select (c.created_at at time zone zone)::date, c.source, s.stage, own_shard, sum(c.delta)
      from (select n.created_at, n.source, n.funnel_stage, 1 as delta from new_rows n
            union all
            select o.created_at, o.source, o.funnel_stage, -1 from old_rows o) c
      cross join lateral generate_series(0, c.funnel_stage) as s(stage)
     group by 1, 2, 3
    having sum(c.delta) <> 0
    on conflict (day, source, stage, shard) do update set leads = f.leads + excluded.leads;
  end if;
  return null;
end
$$;

-- The thread of a profile, else of the lead: in one statement, a probe of each unique index (the second
-- only when the first finds none) instead of an OR over both and a sort.
create or replace function private.conversation_of(lead uuid, profile uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  found_id uuid;
begin
  if lead is null and profile is null then
    raise exception 'a conversation needs a lead or a profile' using errcode = '22004';
  end if;
  for attempt in 1..2 loop
    found_id := coalesce((select c.id from public.conversations c where c.profile_id = profile),
                         (select c.id from public.conversations c where c.lead_id = lead));
    exit when found_id is not null or attempt = 2;
    insert into public.conversations (lead_id, profile_id) values (lead, profile) on conflict do nothing;
  end loop;
  return found_id;
end
$$;

create or replace function private.conversation_for(p_lead uuid, p_profile uuid) returns uuid
language plpgsql set search_path = '' as $$
begin
  return private.conversation_of(p_lead, p_profile);
end
$$;

-- Each thread is updated through its primary key: the join of the statement's threads with every
-- conversation was planned as a sequential scan and a hash of the whole table.
create or replace function private.file_messages_in_conversations() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread record;
  filed record;
begin
  for thread in
    with inserted as (
      -- A transition table is read in insertion order; the row trigger let the last row's preview win.
      select m.conversation_id, m.created_at, m.subject, m.body, m.channel, m.direction,
             row_number() over () as position
        from new_rows m
    )
    select i.conversation_id, max(i.created_at) as last_at,
           max(i.created_at) filter (where i.direction = 'inbound') as inbound_at,
           count(*) filter (where i.direction = 'inbound')::integer as inbound,
           (array_agg(left(coalesce(i.subject, i.body, ''), 140) order by i.position desc))[1] as preview,
           (array_agg(i.channel order by i.position desc))[1] as channel
      from inserted i
     group by i.conversation_id
  loop
    update public.conversations c
       set last_message_at = greatest(c.last_message_at, thread.last_at),
           last_message_preview = thread.preview,
           last_channel = thread.channel,
           last_inbound_at = greatest(c.last_inbound_at, thread.inbound_at),
           unread_count = c.unread_count + thread.inbound,
           status = case when thread.inbound > 0 then 'open' else c.status end
     where c.id = thread.conversation_id
    returning c.lead_id, c.profile_id into filed;
    if found and thread.inbound > 0 then
      perform private.stop_sequences(filed.lead_id, filed.profile_id, 'replied');
    end if;
  end loop;
  return null;
end
$$;

-- The unique constraint's index (leads_converted_profile_id_key) already serves every lookup by
-- converted_profile_id; this second one only cost each conversion an index entry.
drop index public.leads_converted_profile_idx;

revoke execute on all functions in schema private from public;
