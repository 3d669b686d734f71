-- The public form may not redirect an existing lead's messages (docs/decisions/0678): a stranger who knew
-- Meera's email posted it with their own phone and WhatsApp/call ticked, and the merge wrote that phone
-- onto Meera's lead with an opt-in, so her messages, calls and payment links went to the stranger.
-- On a match the form now fills only non-contact gaps (name, course, attribution); the submitted
-- addresses stay on the CTA submission for the admin to review. A ticked channel records consent only
-- where the lead's address for it is the one submitted. Both rules read the lead row already in hand:
-- no more reads than before (one fewer on a match: the "address taken by another lead" probes go).

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
      -- Fill non-contact gaps, never overwrite (first touch keeps its attribution). No address is
      -- added: whoever posts the form may not be the lead's owner.
      update public.leads l set
        full_name = case when l.full_name = '' then form ->> 'name' else l.full_name end,
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
comment on function private.upsert_form_lead(jsonb, uuid) is
  'The form''s lead: matched by email, then phone, and given only non-contact gaps (name, course, UTM); '
  'a new lead is created with the submitted addresses. Never adds an address to an existing lead.';

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
  -- A ticked box records an opt-in only where the lead's address for the channel is the one submitted
  -- (always so for a new lead); an unticked one changes nothing, and an earlier opt-out stays.
  ticked := array(select key from jsonb_each_text(form -> 'consents')
                   where value = 'true'
                     and case key when 'email' then lower((upserted.lead).email) = lower(form ->> 'email')
                                  else (upserted.lead).phone::text = form ->> 'phone' end);
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
  '(client_key null: not counted), then stores the lead, CTA submission and consents (only for channels '
  'whose address on the lead is the one submitted) and queues the welcome. Returns {"outcome": accepted '
  '| repeat | rate_limited | unknown_course, "lead_id", "created"} for the service, which does not pass '
  'the lead on to the public; a repeat of the same lead and course within dedupe_minutes stores nothing.';

revoke execute on all functions in schema private from public;
