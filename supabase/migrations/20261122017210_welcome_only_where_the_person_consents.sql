-- The form's welcome goes only on the channels the PERSON has not refused (docs/decisions/0667): a
-- student who opted out of WhatsApp on their profile and then filled in the landing form again (the same
-- phone or email, so the lead they converted from) got a WhatsApp and a call queued, which the outbox gate
-- then skipped, leaving a queued-then-skipped welcome on the timeline. The lead row is already in hand with
-- its converted_profile_id, so the rule costs no round trip and one more index probe of consents (none
-- for a lead that never converted: a null profile id matches nothing), like the audience filters (0664).

create or replace function private.submit_form_lead(
  form jsonb, client_key text, rate_limit integer, dedupe_minutes integer, files_url text
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  course uuid;
  upserted record;
  submission uuid;
  ticked text[];
  allowed text[];
  offer jsonb;
begin
  if client_key is not null and private.count_intake_hit(client_key, 60) > rate_limit then
    return jsonb_build_object('outcome', 'rate_limited');
  end if;
  if form ->> 'website' is not null then  -- the honeypot: answered like a new lead, nothing stored
    return jsonb_build_object('outcome', 'accepted', 'lead_id', gen_random_uuid(), 'created', true);
  end if;
  if form ->> 'course_slug' is not null then
    select c.id into course from public.courses c where c.slug = form ->> 'course_slug' and c.published;
    if course is null then
      return jsonb_build_object('outcome', 'unknown_course');
    end if;
  end if;
  select * into upserted from private.upsert_form_lead(form, course);
  if not upserted.created and exists (
       select 1 from public.cta_submissions s
        where s.lead_id = (upserted.lead).id and s.course_id is not distinct from course
          and s.submitted_at > now() - make_interval(mins => dedupe_minutes)) then
    return jsonb_build_object('outcome', 'repeat', 'lead_id', (upserted.lead).id, 'created', false);
  end if;
  insert into public.cta_submissions (lead_id, course_id, answers, page_url)
  values ((upserted.lead).id, course, form - 'page_url' - 'website', form ->> 'page_url')
  returning id into submission;
  -- A ticked box records an opt-in; an unticked one changes nothing, and an earlier opt-out stays.
  ticked := array(select key from jsonb_each_text(form -> 'consents') where value = 'true');
  insert into public.consents (lead_id, party, channel, state, source)
  select (upserted.lead).id, 'self', t::public.contact_channel, 'opted_in', 'form' from unnest(ticked) t
  on conflict (lead_id, party, channel) where lead_id is not null do nothing;
  -- The person's opt-outs (0664): the lead's and those of the student it converted into.
  allowed := array(select t from unnest(ticked) t where not exists (
               select 1 from public.consents c
                where (c.lead_id = (upserted.lead).id or c.profile_id = (upserted.lead).converted_profile_id)
                  and c.party = 'self' and c.state = 'opted_out' and c.channel::text = t));
  offer := case when course is not null then private.course_offer(course) end;
  if offer is not null then
    perform private.enqueue_form_welcome(upserted.lead, offer, allowed, submission, files_url);
  end if;
  return jsonb_build_object('outcome', 'accepted', 'lead_id', (upserted.lead).id,
                            'created', upserted.created);
end
$$;
comment on function private.submit_form_lead(jsonb, text, integer, integer, text) is
  'One landing-page submission, validated by the caller, in one transaction: counts the client''s hit '
  '(client_key null: not counted), then stores the lead, CTA submission and consents and queues the '
  'welcome. Returns {"outcome": accepted | repeat | rate_limited | unknown_course, "lead_id", '
  '"created"}; a repeat of the same lead and course within dedupe_minutes stores nothing new.';

revoke execute on all functions in schema private from public;
