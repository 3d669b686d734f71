-- Cheaper data-model triggers on the lead-intake path, recording exactly what they recorded before
-- (docs/decisions/0560-cheaper-intake-triggers.md). SQL functions that carry `set search_path` are never
-- inlined and run their executor anew on every call, and dynamic SQL is planned on every execution;
-- PL/pgSQL keeps each static statement's plan for the session.

create or replace function private.audit_changes(before jsonb, after jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  if before is null then
    return jsonb_build_object('new', after);
  elsif after is null then
    return jsonb_build_object('old', before);
  end if;
  return (select jsonb_build_object('old', jsonb_object_agg(b.key, b.value),
                                    'new', jsonb_object_agg(b.key, after -> b.key))
            from jsonb_each(before) b
           where b.key <> 'updated_at' and b.value is distinct from after -> b.key
          having count(*) > 0);
end
$$;

create or replace function private.redact(row_data jsonb, secret_columns text[]) returns jsonb
language plpgsql immutable set search_path = '' as $$
begin
  if row_data is null or coalesce(cardinality(secret_columns), 0) = 0 then
    return row_data;
  end if;
  return row_data || coalesce((select jsonb_object_agg(c, 'redacted:' || md5((row_data -> c)::text))
                                 from unnest(secret_columns) c
                                where row_data ? c), '{}');
end
$$;

create or replace function private.center_timezone() returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce((select s.timezone from public.center_settings s), 'Asia/Kolkata');
end
$$;

-- Static statements, one per kind of change, so that each keeps its plan; the shard and zone as before.
create or replace function private.count_leads_in_funnel() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  zone text := private.center_timezone();
  own_shard smallint := pg_backend_pid() % 8;
begin
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

-- The form's lead: two index probes (email first, then phone) instead of one OR. Under search_path ''
-- a bare `=` between citext values resolves to text = text, which cannot use the citext unique index
-- (a scan of every lead, and case-sensitive): emails are compared with citext's own operator.
create or replace function private.upsert_form_lead(form jsonb, course uuid, out lead public.leads,
                                                    out created boolean)
language plpgsql set search_path = '' as $$
declare
  given_email public.email_address := form ->> 'email';
  given_phone public.phone_e164 := form ->> 'phone';
begin
  for attempt in 1..2 loop
    select * into lead from public.leads l
     where l.id = coalesce(
             (select e.id from public.leads e where e.email operator(extensions.=) given_email),
             (select p.id from public.leads p where p.phone = given_phone))
       for update;
    if found then
      -- Fill what the lead lacks, never overwrite (first touch keeps its attribution); an email or
      -- phone that already belongs to another lead stays with that lead.
      update public.leads l set
        full_name = case when l.full_name = '' then form ->> 'name' else l.full_name end,
        email = coalesce(l.email, case when not exists (select 1 from public.leads o
                  where o.email operator(extensions.=) given_email) then given_email end),
        phone = coalesce(l.phone, case when not exists
                  (select 1 from public.leads o where o.phone = given_phone) then given_phone end),
        course_id = coalesce(course, l.course_id),
        utm_source = coalesce(l.utm_source, form #>> '{utm,source}'),
        utm_medium = coalesce(l.utm_medium, form #>> '{utm,medium}'),
        utm_campaign = coalesce(l.utm_campaign, form #>> '{utm,campaign}'),
        utm_term = coalesce(l.utm_term, form #>> '{utm,term}'),
        utm_content = coalesce(l.utm_content, form #>> '{utm,content}')
       where l.id = lead.id
      returning * into lead;
      created := false;
      return;
    end if;
    insert into public.leads (full_name, email, phone, source, course_id,
                              utm_source, utm_medium, utm_campaign, utm_term, utm_content)
    values (form ->> 'name', given_email, given_phone, 'form', course,
            form #>> '{utm,source}', form #>> '{utm,medium}', form #>> '{utm,campaign}',
            form #>> '{utm,term}', form #>> '{utm,content}')
    on conflict do nothing
    returning * into lead;
    if lead.id is not null then
      created := true;
      return;
    end if;
  end loop;
  raise exception 'a lead with this email or phone changed concurrently; retry' using errcode = '40001';
end
$$;

revoke execute on all functions in schema private from public;
