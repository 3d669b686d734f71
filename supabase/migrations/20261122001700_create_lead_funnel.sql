-- The lead funnel: how far each lead got (leads.funnel_stage) and a daily rollup of it, so that
-- get_funnel() and the dashboard read a few thousand rows instead of every lead.
--
-- Stages: 0 new, 1 contacted, 2 interested, 3 paid, 4 attended at least 75% of a batch's
-- sessions, 5 certified. A lead's stage only grows. private.lead_funnel_daily counts, per day of
-- creation (in the center's zone), source and stage, the leads that reached at least that stage.
-- See docs/decisions/0102-lead-funnel-rollup.md.

create or replace function private.lead_status_stage(status public.lead_status) returns smallint
language sql immutable set search_path = '' as $$
  select case status
    when 'contacted' then 1
    when 'interested' then 2
    when 'payment_sent' then 2
    when 'enrolled' then 3
    else 0
  end::smallint
$$;

create or replace function private.raise_lead_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.funnel_stage := greatest(
    new.funnel_stage,
    case when tg_op = 'UPDATE' then old.funnel_stage else 0 end,
    private.lead_status_stage(new.status),
    case when new.last_contacted_at is not null then 1 else 0 end);
  return new;
end
$$;
comment on function private.raise_lead_stage() is
  'BEFORE INSERT/UPDATE on leads: funnel_stage follows status and contact, and never decreases.';
create trigger leads_raise_stage before insert or update on public.leads
  for each row execute function private.raise_lead_stage();

-- The rollup. Invariant: for every (day, source, stage), the sum of leads over shards equals the
-- number of leads created that day from that source whose funnel_stage >= stage. Shards spread
-- concurrent writers over several rows so that lead intake never queues on one hot row.
create table private.lead_funnel_daily (
  day date not null,
  source public.lead_source not null,
  stage smallint not null check (stage between 0 and 5),
  shard smallint not null check (shard between 0 and 7),
  leads bigint not null,
  primary key (day, source, stage, shard)
);
comment on table private.lead_funnel_daily is
  'Leads per creation day (center zone), source and reached stage, split over 8 shards. Kept by '
  'statement triggers on leads; rebuilt by private.rebuild_lead_funnel().';
alter table private.lead_funnel_daily enable row level security;

create or replace function private.count_leads_in_funnel() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  changes text := case tg_op
    when 'INSERT' then 'select created_at, source, funnel_stage, 1 as delta from new_rows'
    when 'DELETE' then 'select created_at, source, funnel_stage, -1 as delta from old_rows'
    else 'select created_at, source, funnel_stage, 1 as delta from new_rows union all '
         'select created_at, source, funnel_stage, -1 as delta from old_rows'
  end;
begin
  execute format($sql$
    insert into private.lead_funnel_daily as f (day, source, stage, shard, leads)
    select (c.created_at at time zone $1)::date, c.source, s.stage, $2, sum(c.delta)
      from (%s) c
      cross join lateral generate_series(0, c.funnel_stage) as s(stage)
     group by 1, 2, 3
    having sum(c.delta) <> 0
    on conflict (day, source, stage, shard) do update set leads = f.leads + excluded.leads
  $sql$, changes)
  using private.center_timezone(), pg_backend_pid() % 8;
  return null;
end
$$;
comment on function private.count_leads_in_funnel() is
  'AFTER statement trigger with transition tables: one aggregated upsert per statement, so a CSV '
  'import of 100k leads costs one pass, and a single lead touches at most six rollup rows.';
create trigger leads_funnel_after_insert after insert on public.leads
  referencing new table as new_rows for each statement execute function private.count_leads_in_funnel();
create trigger leads_funnel_after_update after update on public.leads
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.count_leads_in_funnel();
create trigger leads_funnel_after_delete after delete on public.leads
  referencing old table as old_rows for each statement execute function private.count_leads_in_funnel();

-- What moves a lead further: a paid payment, attendance, a certificate -------------------------

create or replace function private.advance_lead(lead uuid, student uuid, stage smallint) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.leads l set funnel_stage = stage
   where (l.id = lead or l.converted_profile_id = student) and l.funnel_stage < stage;
end
$$;

create or replace function private.advance_lead_on_payment() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.advance_lead(new.lead_id, new.profile_id, 3::smallint);
  return null;
end
$$;
create trigger payments_advance_lead after insert or update of status on public.payments
  for each row when (new.status = 'paid') execute function private.advance_lead_on_payment();

create or replace function private.attended_enough(student uuid, batch uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select count(a.id) >= 0.75 * count(*) and count(*) > 0
    from public.sessions s
    left join public.attendance a on a.session_id = s.id and a.student_id = student
   where s.batch_id = batch and s.status <> 'cancelled'
$$;
comment on function private.attended_enough(uuid, uuid) is
  'True once the student has attended at least 75% of the batch''s (not cancelled) sessions.';

create or replace function private.advance_lead_on_attendance() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  batch uuid := (select s.batch_id from public.sessions s where s.id = new.session_id);
begin
  if exists (select 1 from public.leads l where l.converted_profile_id = new.student_id and l.funnel_stage < 4)
     and private.attended_enough(new.student_id, batch) then
    perform private.advance_lead(null, new.student_id, 4::smallint);
  end if;
  return null;
end
$$;
create trigger attendance_advance_lead after insert on public.attendance
  for each row execute function private.advance_lead_on_attendance();

create or replace function private.advance_lead_on_certificate() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.advance_lead(null, new.student_id, 5::smallint);
  return null;
end
$$;
create trigger certificates_advance_lead after insert or update of status on public.certificates
  for each row when (new.status = 'issued') execute function private.advance_lead_on_certificate();

-- Repairs -------------------------------------------------------------------------------------

create or replace function private.recompute_lead_stages() returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  changed bigint;
begin
  with session_totals as (
    select s.batch_id, count(*) as total from public.sessions s where s.status <> 'cancelled' group by 1
  ), presence as (
    select a.student_id, s.batch_id, count(*) as present
      from public.attendance a join public.sessions s on s.id = a.session_id
     where s.status <> 'cancelled'
     group by 1, 2
  ), proven as (
    select l.id, greatest(private.lead_status_stage(l.status),
                          case when l.last_contacted_at is not null then 1 else 0 end) as stage
      from public.leads l
    union all
    select p.lead_id, 3 from public.payments p
     where p.status in ('paid', 'refunded') and p.lead_id is not null
    union all
    select l.id, 3 from public.leads l join public.payments p on p.profile_id = l.converted_profile_id
     where p.status in ('paid', 'refunded')
    union all
    select l.id, 4 from public.leads l
      join presence pr on pr.student_id = l.converted_profile_id
      join session_totals t on t.batch_id = pr.batch_id
     where pr.present >= 0.75 * t.total
    union all
    select l.id, 5 from public.leads l join public.certificates c on c.student_id = l.converted_profile_id
     where c.status = 'issued'
  ), reached as (
    select id, max(stage) as stage from proven group by id
  )
  update public.leads l set funnel_stage = r.stage
    from reached r
   where r.id = l.id and r.stage > l.funnel_stage;
  get diagnostics changed = row_count;
  return changed;
end
$$;
comment on function private.recompute_lead_stages() is
  'Raises every lead''s funnel_stage to what its rows prove; returns how many changed. For repairs '
  'and for bulk loads made with triggers off (session_replication_role = replica).';

create or replace function private.rebuild_lead_funnel() returns void
language plpgsql security definer set search_path = '' as $$
begin
  lock table private.lead_funnel_daily in exclusive mode;
  delete from private.lead_funnel_daily;
  insert into private.lead_funnel_daily (day, source, stage, shard, leads)
  select (l.created_at at time zone private.center_timezone())::date, l.source, s.stage, 0, count(*)
    from public.leads l
    cross join lateral generate_series(0, l.funnel_stage) as s(stage)
   group by 1, 2, 3;
end
$$;
comment on function private.rebuild_lead_funnel() is
  'Recounts the rollup from leads (after a time zone change, a bulk load or a repair).';

create or replace function private.rebuild_after_zone_change() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  execute format('select %s()', tg_argv[0]::regproc);
  return null;
end
$$;
comment on function private.rebuild_after_zone_change() is
  'AFTER UPDATE OF timezone on center_settings: runs the rebuild function named by the trigger''s '
  'argument, for rollups that count days in the center''s zone.';
create trigger center_settings_rebuild_funnel after update of timezone on public.center_settings
  for each row when (old.timezone is distinct from new.timezone)
  execute function private.rebuild_after_zone_change('private.rebuild_lead_funnel');

revoke execute on all functions in schema private from public;
