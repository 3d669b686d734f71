-- CSV imports, faster with the same outcome: the reader sends each row's lead id (a new one for the
-- first row of a contact, that row's for its repeats) and its outcome when it already knows it, so the
-- merge inserts straight from staging and only rewrites the rows that matched an existing lead.
-- See docs/decisions/0551-csv-import-speed.md.

alter table private.lead_import_rows drop column raw;
drop index private.lead_import_rows_email_idx;
drop index private.lead_import_rows_phone_idx;
-- The match rewrites a contact's rows by their proposed lead id. The rows were just copied in, so the
-- planner has no statistics for them (ANALYZE would, but it locks out a concurrent import's ANALYZE
-- until commit); with this index its guess of one matched row stays cheap when many match.
create index lead_import_rows_lead_idx on private.lead_import_rows (import_id, lead_id);
-- The reader has normalized every value; public.leads' domains check them once, on the insert.
alter table private.lead_import_rows
  alter column email type extensions.citext,
  alter column phone type text;
comment on table private.lead_import_rows is
  'Scratch rows of a CSV import: the normalized fields, or the error naming the column and the reason. '
  'lead_id is the lead the row becomes or merges into (proposed by the reader, replaced by an existing '
  'lead''s id when the contact is known). Deleted before the import commits.';

drop function private.match_import_rows(uuid);
create function private.match_import_rows(import uuid, after_insert boolean) returns void
language sql security definer set search_path = '' as $$
  with matched as materialized (
    select h.lead_id as proposed, coalesce(le.id, lp.id) as existing
      from private.lead_import_rows h
      left join public.leads le on le.email = h.email
      left join public.leads lp on lp.phone = h.phone
     where h.import_id = import and h.outcome is null and h.merged_into_line is null
       and (le.id is not null or lp.id is not null)
       and (not after_insert or not exists (select 1 from public.leads own where own.id = h.lead_id))
  )
  update private.lead_import_rows r set lead_id = m.existing, outcome = 'merged'
    from matched m
   where r.import_id = import and r.lead_id = m.proposed;
$$;
comment on function private.match_import_rows(uuid, boolean) is
  'Points each contact of an import that is already a lead (by email, else phone) at that lead: its first '
  'row and its repeats (which share the proposed lead id) become merged. after_insert: only the first '
  'rows whose proposed lead could not be inserted.';

create or replace function private.merge_lead_import(import uuid)
returns table (inserted integer, merged integer, rejected integer)
language plpgsql security definer set search_path = '' as $$
declare
  waiting integer;
  added integer;
begin
  -- Outcomes: the reader stages rejected rows and repeats with theirs; a first row left without one
  -- after the match is a new lead.
  perform private.match_import_rows(import, false);
  insert into public.leads (id, full_name, email, phone, city, notes, source, import_id)
  select r.lead_id, coalesce(r.full_name, ''), r.email, r.phone, r.city, r.notes, 'import', import
    from private.lead_import_rows r
   where r.import_id = import and r.outcome is null
  on conflict do nothing;
  get diagnostics added = row_count;
  select count(*) into waiting from private.lead_import_rows r where r.import_id = import and r.outcome is null;
  if added < waiting then
    -- Another transaction added some of these contacts meanwhile: merge into its leads instead.
    perform private.match_import_rows(import, true);
  end if;
  perform private.fill_leads_from_import(import);
  return query
    select count(*) filter (where r.outcome is null)::integer,
           count(*) filter (where r.outcome = 'merged')::integer,
           count(*) filter (where r.outcome = 'rejected')::integer
      from private.lead_import_rows r where r.import_id = import;
end
$$;
comment on function private.merge_lead_import(uuid) is
  'Merges an import''s staged rows into leads: known contacts (by email, then phone; first rows and '
  'repeats alike) merged, new ones inserted with the lead id the reader proposed, gaps of merged leads '
  'filled. Rejected rows and repeats arrive with their outcome. Returns the counts.';

-- A lead inserted as new and never contacted stays at stage 0 whatever raise_lead_stage computes, so
-- the insert trigger only runs when it can change something (a bulk insert skips one call per row).
drop trigger leads_raise_stage on public.leads;
create trigger leads_raise_stage_on_insert before insert on public.leads
  for each row when (new.status <> 'new' or new.last_contacted_at is not null)
  execute function private.raise_lead_stage();
create trigger leads_raise_stage_on_update before update on public.leads
  for each row execute function private.raise_lead_stage();

-- Filling the gaps of merged leads writes only the leads that have a gap the import can fill.
create or replace function private.fill_leads_from_import(import uuid) returns void
language sql security definer set search_path = '' as $$
  update public.leads l set
    full_name = case when l.full_name = '' then coalesce(g.full_name, '') else l.full_name end,
    email = coalesce(l.email, case when not exists
              (select 1 from public.leads o where o.email = g.email) then g.email end),
    phone = coalesce(l.phone, case when not exists
              (select 1 from public.leads o where o.phone = g.phone) then g.phone end),
    city = coalesce(l.city, g.city),
    notes = coalesce(l.notes, g.notes)
  from (
    select r.lead_id,
           (array_agg(r.full_name order by r.line_number) filter (where r.full_name is not null))[1] as full_name,
           (array_agg(r.email order by r.line_number) filter (where r.email is not null))[1] as email,
           (array_agg(r.phone order by r.line_number) filter (where r.phone is not null))[1] as phone,
           (array_agg(r.city order by r.line_number) filter (where r.city is not null))[1] as city,
           (array_agg(r.notes order by r.line_number) filter (where r.notes is not null))[1] as notes
      from private.lead_import_rows r
     where r.import_id = import and r.outcome = 'merged'
     group by r.lead_id
  ) g
  where l.id = g.lead_id
    and (l.full_name = '' and g.full_name is not null or l.email is null and g.email is not null
         or l.phone is null and g.phone is not null or l.city is null and g.city is not null
         or l.notes is null and g.notes is not null);
$$;
comment on function private.fill_leads_from_import(uuid) is
  'Fills the gaps of every lead an import merged into (never overwrites; an email or phone that belongs '
  'to another lead stays there); leads without a gap it can fill are not written.';

revoke execute on all functions in schema private from public;
