-- A person is a lead, and once they pay also a student's profile (leads.converted_profile_id). A follow-up
-- run may be keyed by either id (docs/decisions/0670), and the one-active-run rule
-- (sequence_enrollments_active_key) held per id: a student could be in a sequence under both ids and get
-- every step twice. One active run per person, sequence and payment now (docs/decisions/0677).

create function private.in_sequence(p_sequence uuid, p_lead uuid, p_profile uuid, p_payment uuid)
returns boolean
language sql stable set search_path = '' as $$
  select exists (
    select 1 from public.sequence_enrollments e
     where e.sequence_id = p_sequence and e.status = 'active'
       and e.payment_id is not distinct from p_payment
       and (e.lead_id = p_lead or e.profile_id = p_profile
            or e.profile_id = (select l.converted_profile_id from public.leads l where l.id = p_lead)
            or e.lead_id in (select l.id from public.leads l where l.converted_profile_id = p_profile)))
$$;
comment on function private.in_sequence(uuid, uuid, uuid, uuid) is
  'Whether the person with lead p_lead or profile p_profile (either may be null) has an active run of '
  'sequence p_sequence for payment p_payment, under either of their ids.';

-- Security definer: admins' clients insert runs, and the private helpers are closed to their roles.
create function private.refuse_second_run() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'active' and private.in_sequence(new.sequence_id, new.lead_id, new.profile_id, new.payment_id) then
    raise exception 'this person is already in this sequence'
      using errcode = '23505',
            hint = 'They have an active run under their lead or their student profile: stop it first to start again.';
  end if;
  return new;
end
$$;
comment on function private.refuse_second_run() is
  'Refuses a run for a person already in the sequence under their other id (a lead and the student it became).';

create trigger sequence_enrollments_one_per_person before insert on public.sequence_enrollments
  for each row execute function private.refuse_second_run();

revoke execute on all functions in schema private from public;
