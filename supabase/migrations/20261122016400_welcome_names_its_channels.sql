-- The lead's welcome email promised "someone from our team will call you shortly" whatever the lead had
-- agreed to, and the call brief said the syllabus was also on WhatsApp when no WhatsApp went. The facts
-- the welcome is rendered from now name its channels (those the lead agreed to and has an address for),
-- so the templates promise only what goes.

create or replace function private.enqueue_form_welcome(
  lead public.leads, offer jsonb, channels text[], submission uuid, files_url text
) returns integer
language plpgsql set search_path = '' as $$
declare
  facts jsonb := jsonb_build_object('message', 'welcome', 'lead_id', lead.id, 'full_name', lead.full_name,
                                    'email', lead.email, 'phone', lead.phone, 'offer', offer,
                                    'files_url', files_url,
                                    'channels', to_jsonb(array(
                                      select c from unnest(array['email', 'whatsapp', 'call']) c
                                       where c = any (channels)
                                         and case c when 'email' then lead.email is not null
                                                    else lead.phone is not null end)));
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

revoke execute on all functions in schema private from public;
