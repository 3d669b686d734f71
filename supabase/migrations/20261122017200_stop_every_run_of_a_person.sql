-- A reply, a payment or an opt-out stops the follow-ups of the person (docs/decisions/0667), not only
-- the runs keyed by the one id its row names: a student's payment (payments.profile_id) or a reply on the
-- student's own thread left the runs of the lead they had been going, and a lead's left the student's.
-- The person is resolved once, here, for every caller: the reply trigger on crm_messages, the payments
-- trigger and the consents trigger. The consents trigger's own resolution (private.stop_person_sequences,
-- 0664) is folded back into the shared trigger function.

create or replace function private.stop_sequences(
  lead uuid, profile uuid, reason text
) returns void
language plpgsql security definer set search_path = '' as $$
declare
  of_lead record;
  of_profile record;
begin
  -- Each id given with the other id of its own person: a row naming a lead and a profile that are not yet
  -- linked (a payment converting the lead) stops the runs of both and of what each is linked to.
  select * into of_lead from private.person(lead, null);
  select * into of_profile from private.person(null, profile);
  update public.sequence_enrollments r
     set status = 'stopped', stop_reason = reason, finished_at = now(), next_due_at = null, next_position = null
    from public.sequences s
   where s.id = r.sequence_id
     and r.status = 'active'
     and (r.lead_id in (of_lead.lead_id, of_profile.lead_id)
          or r.profile_id in (of_lead.profile_id, of_profile.profile_id))
     and (reason = 'opted_out'
          or (reason = 'replied' and s.stop_on_reply)
          or (reason = 'paid' and s.stop_on_payment));
end
$$;
comment on function private.stop_sequences(uuid, uuid, text) is
  'Stops the active sequences of the person of a lead and of a student profile (private.person: the lead, '
  'the profile it converted into, the lead that converted into the profile) for a reason (replied, paid, '
  'opted_out), honouring each sequence''s stop_on_* switches; opting out always stops.';

drop trigger consents_stop_sequences on public.consents;
create trigger consents_stop_sequences after insert or update of state on public.consents
  for each row when (new.state = 'opted_out')
  execute function private.stop_contact_sequences('opted_out');
drop function private.stop_person_sequences();

comment on function private.stop_contact_sequences() is
  'AFTER row trigger on a table with lead_id and profile_id (consents, payments): stops the sequences of '
  'that contact''s person for the reason given as the trigger''s argument.';

revoke execute on all functions in schema private from public;
