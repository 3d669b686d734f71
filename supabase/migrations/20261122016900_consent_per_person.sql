-- Consent is a person's (docs/decisions/0664-consent-per-person.md): a lead and the student profile it
-- converted into (leads.converted_profile_id) are one person, for each party. An opt-out was matched only
-- on the id a message named, so a student whose STOP was recorded on their profile still got the CRM's
-- messages, campaigns and follow-ups addressed to the lead they had been, a lead's opt-out did not hold
-- for messages to the student's profile, and an opt-out stopped only the sequences keyed by its own id.

create function private.person(lead uuid, profile uuid, out lead_id uuid, out profile_id uuid)
language plpgsql stable set search_path = '' as $$
begin
  lead_id := coalesce(lead, (select l.id from public.leads l where l.converted_profile_id = profile));
  profile_id := coalesce(profile, (select l.converted_profile_id from public.leads l where l.id = lead));
end
$$;
comment on function private.person(uuid, uuid) is
  'Both ids of the person a lead or a student profile is: the lead and the profile it converted into. An '
  'id given is kept; the other is found by primary key or the unique converted_profile_id (null if none).';

create function private.opted_out(
  lead uuid, profile uuid, who public.contact_party, on_channel public.contact_channel
) returns boolean
language plpgsql stable set search_path = '' as $$
declare
  one record;
begin
  select * into one from private.person(lead, profile);
  return exists (select from public.consents c
                  where (c.lead_id = one.lead_id or c.profile_id = one.profile_id)
                    and c.party = who and c.channel = on_channel and c.state = 'opted_out');
end
$$;
comment on function private.opted_out(uuid, uuid, public.contact_party, public.contact_channel) is
  'Whether the person (private.person) or their parent (who) opted out of the channel, on the lead or on '
  'the profile; two probes of the consents keys. The outbox gate''s refusal and the CRM''s.';

create function private.stop_person_sequences() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  one record;
begin
  select * into one from private.person(new.lead_id, new.profile_id);
  perform private.stop_sequences(one.lead_id, one.profile_id, 'opted_out');
  return null;
end
$$;
comment on function private.stop_person_sequences() is
  'AFTER row trigger on consents: an opt-out stops the person''s sequences, keyed by the lead or the profile.';

drop trigger consents_stop_sequences on public.consents;
create trigger consents_stop_sequences after insert or update of state on public.consents
  for each row when (new.state = 'opted_out')
  execute function private.stop_person_sequences();

revoke execute on all functions in schema private from public;
