-- Public lead intake in one call: rate limit, lead upsert and merge, submission, consents, welcome.
-- The service validates and normalizes the form (email, E.164 phone, lengths) before calling; this
-- function keeps every rule of docs/decisions/0540 and writes the welcome's outbox rows with the keys
-- the approval path uses, so the two never queue a message twice.

create or replace function private.count_intake_hit(client text, window_seconds integer) returns integer
language plpgsql set search_path = '' as $$
declare
  counted integer;
begin
  insert into private.intake_rate_limits as r (client_key, window_start, hits)
  values (client, to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds), 1)
  on conflict (client_key) do update
     set hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
         window_start = excluded.window_start
  returning hits into counted;
  return counted;
end
$$;

-- PL/pgSQL rather than SQL functions below: their plans are cached per session, where a non-inlined
-- SQL function is planned again on every call.
create or replace function private.course_offer(course uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return (select jsonb_build_object(
           'course_id', c.id, 'title', c.title, 'price_paise', c.price_paise, 'currency', c.currency,
           'syllabus_path', c.syllabus_path, 'starts_on', b.starts_on, 'weekly_pattern', b.weekly_pattern,
           'center_name', s.name, 'website', coalesce(s.website_url, ''),
           'support_email', coalesce(s.contact_email::text, ''),
           'support_phone', coalesce(s.contact_phone::text, ''))
    from public.courses c
   cross join public.center_settings s
    join lateral (
      select b.starts_on, b.weekly_pattern from public.batches b
       where b.course_id = c.id and b.status in ('planned', 'open') and b.starts_on >= current_date
       order by b.starts_on limit 1
    ) b on true
   where c.id = course);
end
$$;
comment on function private.course_offer(uuid) is
  'What a welcome or follow-up says about a course: the course, its next planned or open batch and the '
  'center; null when no batch is upcoming (nothing to offer yet).';

create or replace function private.upsert_form_lead(form jsonb, course uuid, out lead public.leads,
                                                    out created boolean)
language plpgsql set search_path = '' as $$
declare
  given_email public.email_address := form ->> 'email';
  given_phone public.phone_e164 := form ->> 'phone';
begin
  for attempt in 1..2 loop
    select * into lead from public.leads l
     where l.email = given_email or l.phone = given_phone
     order by l.email = given_email desc nulls last limit 1
       for update;
    if found then
      -- Fill what the lead lacks, never overwrite (first touch keeps its attribution); an email or
      -- phone that already belongs to another lead stays with that lead.
      update public.leads l set
        full_name = case when l.full_name = '' then form ->> 'name' else l.full_name end,
        email = coalesce(l.email, case when not exists
                  (select 1 from public.leads o where o.email = given_email) then given_email end),
        phone = coalesce(l.phone, case when not exists
                  (select 1 from public.leads o where o.phone = given_phone) then given_phone end),
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
  'The lead matching the form''s email (first) or phone, merged, else a new one; a concurrent insert '
  'of the same contact makes this call merge instead.';

create or replace function private.conversation_of(lead uuid, profile uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  found_id uuid;
begin
  if lead is null and profile is null then
    raise exception 'a conversation needs a lead or a profile' using errcode = '22004';
  end if;
  for attempt in 1..2 loop
    select c.id into found_id from public.conversations c
     where c.lead_id = lead or c.profile_id = profile
     order by (c.profile_id = profile) desc nulls last limit 1;
    exit when found_id is not null or attempt = 2;
    insert into public.conversations (lead_id, profile_id) values (lead, profile) on conflict do nothing;
  end loop;
  return found_id;
end
$$;
comment on function private.conversation_of(uuid, uuid) is
  'The contact''s CRM thread (the student''s own one first), started if it has none.';

create or replace function private.enqueue_form_welcome(
  lead public.leads, offer jsonb, channels text[], submission uuid, files_url text
) returns integer
language plpgsql set search_path = '' as $$
declare
  facts jsonb := jsonb_build_object('message', 'welcome', 'lead_id', lead.id, 'full_name', lead.full_name,
                                    'email', lead.email, 'phone', lead.phone, 'offer', offer,
                                    'files_url', files_url);
  fresh text[];
  conversation uuid;
  orphans uuid[];
  queued integer;
begin
  fresh := array(
    select c from unnest(array['email', 'whatsapp', 'call']) with ordinality as w(c, position)
     where c = any (channels)
       and case c when 'email' then lead.email is not null else lead.phone is not null end
       and not exists (select 1 from public.outbox o
                        where o.idempotency_key = format('welcome:%s:%s:%s', c, lead.id, offer ->> 'course_id'))
     order by position);
  if cardinality(fresh) = 0 then
    return 0;
  end if;
  conversation := private.conversation_of(lead.id, null);
  -- Timeline rows and outbox rows in one statement (no update linking them afterwards).
  with wanted as (
    select c as channel, gen_random_uuid() as message_id, position from unnest(fresh) with ordinality as w(c, position)
  ), messages as (
    insert into public.crm_messages (id, conversation_id, party, channel, direction, template, status)
    select message_id, conversation, 'self', channel::public.message_channel, 'outbound', 'welcome', 'queued'
      from wanted order by position
  ), rows as (
    insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, party, crm_message_id,
                               cause_table, cause_id)
    select channel::public.outbox_channel, case channel when 'call' then 'start_call' else 'send' end,
           format('welcome:%s:%s:%s', channel, lead.id, offer ->> 'course_id'),
           case channel
             when 'email' then jsonb_build_object('to_email', lead.email, 'to_name', lead.full_name,
                                                  'categories', '[]'::jsonb, 'attachments', '[]'::jsonb)
             when 'whatsapp' then jsonb_build_object('phone', lead.phone, 'name', lead.full_name)
             else jsonb_build_object('phone', lead.phone)
           end || jsonb_build_object('render', facts),
           lead.id, 'self', message_id, 'cta_submissions', submission::text
      from wanted order by position
    on conflict (idempotency_key) do nothing
    returning crm_message_id
  )
  select array(select message_id from wanted where message_id not in (select crm_message_id from rows)),
         (select count(*) from rows)
    into orphans, queued;
  -- A concurrent transaction queued the same key first: its message stands, ours goes.
  if cardinality(orphans) > 0 then
    delete from public.crm_messages where id = any (orphans);
  end if;
  return queued;
end
$$;
comment on function private.enqueue_form_welcome(public.leads, jsonb, text[], uuid, text) is
  'Queues the welcome (email, WhatsApp, call; each where the lead has the address and the channel is '
  'in channels) with keys welcome:<channel>:<lead>:<course>. The payload carries the facts under '
  '"render"; the worker renders the text at send time and fills the timeline row''s subject and body.';

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
  allowed := array(select t from unnest(ticked) t where not exists (
               select 1 from public.consents c
                where c.lead_id = (upserted.lead).id and c.party = 'self' and c.state = 'opted_out'
                  and c.channel::text = t));
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
