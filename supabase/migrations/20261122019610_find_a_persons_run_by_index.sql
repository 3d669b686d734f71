-- private.in_sequence (0677) asked for a run under either of a person's ids in one OR of four conditions, which
-- no index answers: every call read all of the sequence's active runs. A campaign or import that leaves out
-- the people already in a sequence calls it once per lead, so with 5,000 active runs a 5,000-lead audience
-- took 1.3 s, growing with the square of the center's size. Each id now gets its own probe of an index
-- (sequence_enrollments_active_key leads with sequence and lead; the profile index for the rest).

create or replace function private.in_sequence(p_sequence uuid, p_lead uuid, p_profile uuid, p_payment uuid)
returns boolean
language sql stable set search_path = '' as $$
  with ids as (
    select p_lead as lead_id, p_profile as profile_id
    union all  -- the student the lead became, and the lead the student came from
    select null, l.converted_profile_id from public.leads l where l.id = p_lead and l.converted_profile_id is not null
    union all
    select l.id, null from public.leads l where l.converted_profile_id = p_profile
  )
  select exists (
           select from ids i join public.sequence_enrollments e on e.lead_id = i.lead_id
            where e.sequence_id = p_sequence and e.status = 'active'
              and e.payment_id is not distinct from p_payment)
      or exists (
           select from ids i join public.sequence_enrollments e on e.profile_id = i.profile_id
            where e.sequence_id = p_sequence and e.status = 'active'
              and e.payment_id is not distinct from p_payment)
$$;
comment on function private.in_sequence(uuid, uuid, uuid, uuid) is
  'Whether the person with lead p_lead or profile p_profile (either may be null) has an active run of '
  'sequence p_sequence for payment p_payment, under either of their ids; one index probe per id.';

revoke execute on all functions in schema private from public;
