-- CSV imports: the staging columns the merge needs, and the one set-based merge into leads.

alter table private.lead_import_rows
  add column city text,
  add column notes text,
  add column merged_into_line integer check (merged_into_line > 0);
comment on column private.lead_import_rows.merged_into_line is
  'The line of the first row in the same file with this row''s email or phone: this row merges into that '
  'row''s lead instead of making another.';

create or replace function private.match_import_rows(import uuid) returns void
language sql security definer set search_path = '' as $$
  update private.lead_import_rows r
     set lead_id = l.id, outcome = case when l.import_id = import then 'inserted' else 'merged' end
    from public.leads l
   where r.import_id = import and r.error is null and r.merged_into_line is null and r.lead_id is null
     and l.email = r.email;
  update private.lead_import_rows r
     set lead_id = l.id, outcome = case when l.import_id = import then 'inserted' else 'merged' end
    from public.leads l
   where r.import_id = import and r.error is null and r.merged_into_line is null and r.lead_id is null
     and l.phone = r.phone;
$$;
comment on function private.match_import_rows(uuid) is
  'Points each first-of-its-contact row of an import at the lead with its email, else its phone.';

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
  where l.id = g.lead_id;
$$;
comment on function private.fill_leads_from_import(uuid) is
  'Fills the gaps of every lead an import merged into (never overwrites; an email or phone that belongs '
  'to another lead stays there).';

create or replace function private.merge_lead_import(import uuid)
returns table (inserted integer, merged integer, rejected integer)
language plpgsql security definer set search_path = '' as $$
begin
  perform private.match_import_rows(import);
  insert into public.leads (full_name, email, phone, city, notes, source, import_id)
  select coalesce(r.full_name, ''), r.email, r.phone, r.city, r.notes, 'import', import
    from private.lead_import_rows r
   where r.import_id = import and r.error is null and r.merged_into_line is null and r.lead_id is null
  on conflict do nothing;
  perform private.match_import_rows(import);
  update private.lead_import_rows d set lead_id = c.lead_id, outcome = 'merged'
    from private.lead_import_rows c
   where d.import_id = import and c.import_id = import and d.merged_into_line = c.line_number;
  update private.lead_import_rows r set outcome = 'rejected' where r.import_id = import and r.error is not null;
  perform private.fill_leads_from_import(import);
  return query
    select count(*) filter (where r.outcome = 'inserted')::integer,
           count(*) filter (where r.outcome = 'merged')::integer,
           count(*) filter (where r.outcome = 'rejected')::integer
      from private.lead_import_rows r where r.import_id = import;
end
$$;
comment on function private.merge_lead_import(uuid) is
  'Merges an import''s staged rows into leads in one pass: new contacts inserted, known ones (by email, '
  'then phone; in the file or in leads) merged, invalid rows rejected. Returns the counts.';

revoke execute on all functions in schema private from public;
