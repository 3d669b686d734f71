-- One active run per person in a sequence (docs/decisions/0677) was a check in a trigger: two admins starting
-- a run for one person at once, one under the lead and one under the student profile it became, both passed
-- it, neither seeing the other's uncommitted row. Each run now names its person by one key, and a unique index
-- holds the rule: the second insert waits for the first and is refused once it commits (docs/decisions/0694).

alter table public.sequence_enrollments add column person_key uuid;
comment on column public.sequence_enrollments.person_key is
  'The person the run is for, set by the database: the lead''s id, or for a profile the lead that converted '
  'into it (else the profile''s own id). Never null; one active run per sequence, person and payment.';

-- Runs that exist keep their own id: a committed run is found by private.in_sequence under either id, so the
-- key only has to agree between two runs inserted at once, and no run that exists today is refused by it.
update public.sequence_enrollments set person_key = coalesce(lead_id, profile_id);
alter table public.sequence_enrollments
  add constraint sequence_enrollments_person_key_set check (person_key is not null);

-- Security definer: admins' clients write runs, and the key must be the database's, whatever they send.
create function private.key_run_by_person() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.person_key := coalesce(
    new.lead_id, (select l.id from public.leads l where l.converted_profile_id = new.profile_id), new.profile_id);
  return new;
end
$$;
comment on function private.key_run_by_person() is
  'Sets a run''s person_key: its lead, or the lead its profile converted from, or its profile.';

-- Named to fire before sequence_enrollments_one_per_person (triggers fire in name order).
create trigger sequence_enrollments_keyed_by_person
  before insert or update of lead_id, profile_id, person_key on public.sequence_enrollments
  for each row execute function private.key_run_by_person();

create unique index sequence_enrollments_one_active_run_per_person on public.sequence_enrollments
  (sequence_id, person_key, payment_id) nulls not distinct where status = 'active';

revoke execute on all functions in schema private from public;
