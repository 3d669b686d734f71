-- Functions run with search_path = '', where citext's own `=` (schema extensions) is not found: a bare
-- `=` between two citext values fell back to text's, which is case-sensitive and cannot use the
-- citext indexes. An address stored as Asha@Example.com then missed asha@example.com: the import's
-- insert hit the unique index instead of merging, and a payer's existing account was not found.
-- Each email comparison below names citext's operator.

create or replace function private.match_import_rows(import uuid, after_insert boolean) returns void
language sql security definer set search_path = '' as $$
  with matched as materialized (
    select h.lead_id as proposed, coalesce(le.id, lp.id) as existing
      from private.lead_import_rows h
      left join public.leads le on le.email operator(extensions.=) h.email
      left join public.leads lp on lp.phone = h.phone
     where h.import_id = import and h.outcome is null and h.merged_into_line is null
       and (le.id is not null or lp.id is not null)
       and (not after_insert or not exists (select 1 from public.leads own where own.id = h.lead_id))
  )
  update private.lead_import_rows r set lead_id = m.existing, outcome = 'merged'
    from matched m
   where r.import_id = import and r.lead_id = m.proposed;
$$;

create or replace function private.fill_leads_from_import(import uuid) returns void
language sql security definer set search_path = '' as $$
  update public.leads l set
    full_name = case when l.full_name = '' then coalesce(g.full_name, '') else l.full_name end,
    email = coalesce(l.email, case when not exists
              (select 1 from public.leads o where o.email operator(extensions.=) g.email) then g.email end),
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

create or replace function private.payment_student(p_payment public.payments) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  found_id uuid;
  lead record;
begin
  select p.id into found_id from public.profiles p where p.id = p_payment.profile_id;
  if found_id is not null then
    return found_id;
  end if;
  select l.converted_profile_id, l.email into lead from public.leads l where l.id = p_payment.lead_id;
  select p.id into found_id from public.profiles p where p.id = lead.converted_profile_id;
  if found_id is null and lead.email is not null then
    select p.id into found_id from public.profiles p
     where p.role = 'student' and p.email operator(extensions.=) lead.email order by p.created_at, p.id limit 1;
  end if;
  return found_id;
end
$$;

revoke execute on all functions in schema private from public;
