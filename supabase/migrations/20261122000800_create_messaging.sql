-- Talking to contacts: one conversation per lead or student, its messages across every channel,
-- and each channel's provider detail.

create type public.message_channel as enum ('email', 'whatsapp', 'call', 'sms', 'note');
create type public.message_direction as enum ('outbound', 'inbound');
create type public.message_status as enum
  ('queued', 'sent', 'delivered', 'read', 'failed', 'bounced', 'received');
create type public.conversation_status as enum ('open', 'closed');

-- Conversations. Invariants: one per lead and one per student (a converted lead's conversation
-- gains the profile_id and keeps its history); last_* and unread_count are kept by triggers on
-- crm_messages.
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid unique references public.leads (id) on delete cascade,
  profile_id uuid unique references public.profiles (id) on delete cascade,
  status public.conversation_status not null default 'open',
  assigned_to uuid references public.profiles (id) on delete set null,
  last_message_at timestamptz,
  last_message_preview text,
  last_channel public.message_channel,
  last_inbound_at timestamptz,
  unread_count integer not null default 0 check (unread_count >= 0),
  last_read_at timestamptz,
  created_at timestamptz not null default now(),
  check (num_nonnulls(lead_id, profile_id) >= 1)
);
comment on table public.conversations is
  'The CRM thread of one contact (lead and/or student, parent included). unread_count counts inbound '
  'messages since an admin last read it; the inbox lists by (unread first, last_message_at desc).';
alter table public.conversations enable row level security;

create policy "Admins can read conversations" on public.conversations
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can start conversations" on public.conversations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update conversations" on public.conversations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete conversations" on public.conversations
  for delete to authenticated using ((select private.is_admin()));

create index conversations_inbox_idx on public.conversations ((unread_count > 0) desc, last_message_at desc);
create index conversations_assigned_to_idx on public.conversations (assigned_to);

-- CRM messages. Invariants: inbound messages have status 'received' and outbound never do; notes
-- are internal outbound rows with status 'sent'; a provider message id is unique per provider;
-- delivery statuses only move forward (queued < sent < delivered < read).
create table public.crm_messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  party public.contact_party not null default 'self',
  channel public.message_channel not null,
  direction public.message_direction not null,
  subject text,
  body text,
  template text,
  status public.message_status not null,
  provider text,
  provider_message_id text,
  error text,
  author_id uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((direction = 'inbound') = (status = 'received')),
  check (channel <> 'note' or (direction = 'outbound' and status = 'sent'))
);
comment on table public.crm_messages is
  'The timeline: every email, WhatsApp message, call (body = summary; detail in call_logs) and note, '
  'to or from the contact or their parent (party). author_id null = sent by the system.';
alter table public.crm_messages enable row level security;

create policy "Admins can read messages" on public.crm_messages
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can write messages" on public.crm_messages
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update messages" on public.crm_messages
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete messages" on public.crm_messages
  for delete to authenticated using ((select private.is_admin()));

create index crm_messages_timeline_idx on public.crm_messages (conversation_id, created_at desc);
create unique index crm_messages_provider_key on public.crm_messages (provider, provider_message_id)
  where provider_message_id is not null;
create index crm_messages_inbound_idx on public.crm_messages (created_at desc) where direction = 'inbound';
create index crm_messages_whatsapp_inbound_idx on public.crm_messages (conversation_id, party, created_at desc)
  where direction = 'inbound' and channel = 'whatsapp';
create index crm_messages_author_idx on public.crm_messages (author_id) where author_id is not null;

create trigger crm_messages_keep_status_forward before update of status on public.crm_messages
  for each row execute function private.keep_status_forward('queued', 'sent', 'delivered', 'read');

-- Named to sort after crm_messages_keep_status_forward: BEFORE triggers fire in name order.
create trigger crm_messages_stamp_status before insert or update of status on public.crm_messages
  for each row execute function private.stamp_status_time(
    'sent', 'sent_at', 'delivered', 'delivered_at', 'read', 'read_at', 'failed', 'failed_at', 'bounced', 'failed_at');
create trigger crm_messages_touch_updated_at before update on public.crm_messages
  for each row execute function private.touch_updated_at();

create or replace function private.file_message_in_conversation() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  inbound boolean := new.direction = 'inbound';
  thread public.conversations;
begin
  update public.conversations c
     set last_message_at = greatest(c.last_message_at, new.created_at),
         last_message_preview = left(coalesce(new.subject, new.body, ''), 140),
         last_channel = new.channel,
         last_inbound_at = case when inbound then greatest(c.last_inbound_at, new.created_at) else c.last_inbound_at end,
         unread_count = c.unread_count + inbound::integer,
         status = case when inbound then 'open' else c.status end
   where c.id = new.conversation_id
  returning * into thread;
  if inbound then
    perform private.stop_sequences(thread.lead_id, thread.profile_id, 'replied');
  end if;
  return null;
end
$$;
comment on function private.file_message_in_conversation() is
  'AFTER INSERT on crm_messages: updates the conversation''s summary and unread count; an inbound '
  'message reopens it and stops sequences that stop on a reply.';
create trigger crm_messages_file_in_conversation after insert on public.crm_messages
  for each row execute function private.file_message_in_conversation();

create or replace function private.whatsapp_window_ends_at(
  conversation uuid, who public.contact_party default 'self'
) returns timestamptz
language sql stable set search_path = '' as $$
  select max(m.created_at) + interval '24 hours'
    from public.crm_messages m
   where m.conversation_id = conversation and m.party = who
     and m.direction = 'inbound' and m.channel = 'whatsapp'
$$;
comment on function private.whatsapp_window_ends_at(uuid, public.contact_party) is
  'When WhatsApp''s 24-hour customer-service window with this person closes (null: never opened). '
  'Outside it only an approved template may be sent.';

-- Channel logs: provider detail per message, written by the service from send results and webhooks.
-- Invariant for all three: one row per crm_messages row, readable by admins only.

create table public.email_logs (
  message_id uuid primary key references public.crm_messages (id) on delete cascade,
  to_email public.email_address not null,
  from_email public.email_address,
  subject text,
  categories text[] not null default '{}',
  provider_message_id text,
  open_count integer not null default 0 check (open_count >= 0),
  first_opened_at timestamptz,
  last_opened_at timestamptz,
  click_count integer not null default 0 check (click_count >= 0),
  clicked_urls text[] not null default '{}',
  last_clicked_at timestamptz,
  bounce_type text,
  bounce_reason text,
  spam_reported_at timestamptz,
  unsubscribed_at timestamptz,
  last_event text,
  last_event_at timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.email_logs is 'SendGrid detail of an email: opens, clicks, bounces, spam reports.';
alter table public.email_logs enable row level security;
create policy "Admins can read email logs" on public.email_logs
  for select to authenticated using ((select private.is_admin()));
create index email_logs_provider_message_idx on public.email_logs (provider_message_id);
create index email_logs_to_email_idx on public.email_logs (to_email);

create table public.whatsapp_logs (
  message_id uuid primary key references public.crm_messages (id) on delete cascade,
  to_phone public.phone_e164 not null,
  template_name text,
  template_params jsonb not null default '[]' check (jsonb_typeof(template_params) = 'array'),
  media_url text,
  provider_message_id text,
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  failure_code text,
  failure_reason text,
  updated_at timestamptz not null default now()
);
comment on table public.whatsapp_logs is 'AiSensy detail of a WhatsApp message: template, params, delivery ticks.';
alter table public.whatsapp_logs enable row level security;
create policy "Admins can read WhatsApp logs" on public.whatsapp_logs
  for select to authenticated using ((select private.is_admin()));
create index whatsapp_logs_provider_message_idx on public.whatsapp_logs (provider_message_id);
create index whatsapp_logs_to_phone_idx on public.whatsapp_logs (to_phone);

create type public.call_status as enum
  ('queued', 'ringing', 'in_progress', 'completed', 'no_answer', 'busy', 'failed', 'cancelled');

create table public.call_logs (
  message_id uuid primary key references public.crm_messages (id) on delete cascade,
  to_phone public.phone_e164 not null,
  agent_id text,
  execution_id text unique,
  status public.call_status not null default 'queued',
  started_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer check (duration_seconds >= 0),
  recording_url text,
  transcript text,
  summary text,
  extracted_data jsonb not null default '{}' check (jsonb_typeof(extracted_data) = 'object'),
  disposition text,
  cost_paise bigint check (cost_paise >= 0),
  updated_at timestamptz not null default now()
);
comment on table public.call_logs is
  'Bolna detail of an AI call: execution id, status, duration, recording, transcript, extracted data.';
alter table public.call_logs enable row level security;
create policy "Admins can read call logs" on public.call_logs
  for select to authenticated using ((select private.is_admin()));
create index call_logs_to_phone_idx on public.call_logs (to_phone);

create trigger email_logs_touch_updated_at before update on public.email_logs
  for each row execute function private.touch_updated_at();
create trigger whatsapp_logs_touch_updated_at before update on public.whatsapp_logs
  for each row execute function private.touch_updated_at();
create trigger call_logs_touch_updated_at before update on public.call_logs
  for each row execute function private.touch_updated_at();

revoke execute on all functions in schema private from public;
