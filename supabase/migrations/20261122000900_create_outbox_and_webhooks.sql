-- Every outbound provider request (the outbox) and every inbound provider event (webhook_events).

create type public.outbox_channel as enum
  ('email', 'whatsapp', 'call', 'sms', 'payments', 'meetings', 'auth');
create type public.outbox_status as enum
  ('pending', 'processing', 'sent', 'dead', 'cancelled', 'skipped', 'paused');

-- Outbox. Invariants: written in the same transaction as its cause; idempotency_key is unique, so
-- a retried request or replayed webhook enqueues nothing twice; a row is 'processing' exactly
-- while a worker holds it (locked_by, locked_at); attempts never exceed max_attempts, after which
-- the row is 'dead' until an admin retries it; a skipped row says why (e.g. opted out).
create table public.outbox (
  id uuid primary key default gen_random_uuid(),
  channel public.outbox_channel not null,
  operation text not null check (operation ~ '^[a-z][a-z0-9_]*$'),
  provider text,
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  lead_id uuid references public.leads (id) on delete set null,
  profile_id uuid references public.profiles (id) on delete set null,
  party public.contact_party not null default 'self',
  crm_message_id uuid references public.crm_messages (id) on delete set null,
  cause_table text,
  cause_id text,
  status public.outbox_status not null default 'pending',
  attempts smallint not null default 0 check (attempts >= 0),
  max_attempts smallint not null default 8 check (max_attempts > 0),
  next_attempt_at timestamptz not null default now(),
  locked_by text,
  locked_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  result jsonb,
  skip_reason text,
  sent_at timestamptz,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (attempts <= max_attempts),
  check ((status = 'processing') = (locked_at is not null and locked_by is not null)),
  check (status <> 'skipped' or skip_reason is not null),
  check ((cause_table is null) = (cause_id is null))
);
comment on table public.outbox is
  'One outbound provider request: channel + operation (send, start_call, create_payment_link, '
  'invite_user, create_meeting...) with its payload. lead_id/profile_id + party name the recipient for '
  'consent and quiet-hour checks; cause_table/cause_id the row that caused it; crm_message_id its '
  'timeline entry. Workers claim pending rows due now with FOR UPDATE SKIP LOCKED.';
alter table public.outbox enable row level security;

create policy "Admins can read the outbox" on public.outbox
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can pause, resume, retry or cancel outbox items" on public.outbox
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- No insert or delete policy: the service enqueues inside its business transactions and rows are kept.

create index outbox_due_idx on public.outbox (next_attempt_at) where status = 'pending';
create index outbox_processing_idx on public.outbox (locked_at) where status = 'processing';
create index outbox_dead_idx on public.outbox (updated_at desc) where status = 'dead';
create index outbox_lead_idx on public.outbox (lead_id) where lead_id is not null;
create index outbox_profile_idx on public.outbox (profile_id) where profile_id is not null;
create index outbox_crm_message_idx on public.outbox (crm_message_id) where crm_message_id is not null;
create index outbox_cause_idx on public.outbox (cause_table, cause_id) where cause_table is not null;
create index outbox_created_by_idx on public.outbox (created_by) where created_by is not null;

create trigger outbox_touch_updated_at before update on public.outbox
  for each row execute function private.touch_updated_at();

create or replace function private.notify_outbox() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform pg_notify('outbox', '');
  return null;
end
$$;
comment on function private.notify_outbox() is
  'Wakes workers LISTENing on channel "outbox" when the inserting transaction commits (one '
  'notification per statement; workers also poll, so a missed one only delays).';
create trigger outbox_notify after insert on public.outbox
  for each statement execute function private.notify_outbox();

-- Webhook events. Invariants: stored raw before acting, once per (provider, event_id), and only
-- after the signature (or the provider's chosen proof) was checked; processed_at is set when the
-- event has been acted on, error holds the last failure otherwise.
create table public.webhook_events (
  id uuid primary key default gen_random_uuid(),
  provider text not null check (provider ~ '^[a-z][a-z0-9_]*$'),
  event_id text not null check (length(event_id) between 1 and 300),
  event_type text,
  signature_verified boolean not null,
  headers jsonb not null default '{}' check (jsonb_typeof(headers) = 'object'),
  raw_body text not null,
  payload jsonb,
  received_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  processed_at timestamptz,
  error text,
  unique (provider, event_id)
);
comment on table public.webhook_events is
  'Raw inbound provider events. signature_verified is false only for providers whose proof is a '
  'secret path or source allow-list (Bolna); a failed signature is answered 401 and never stored.';
alter table public.webhook_events enable row level security;

create policy "Admins can read webhook events" on public.webhook_events
  for select to authenticated using ((select private.is_admin()));

create index webhook_events_unprocessed_idx on public.webhook_events (received_at) where processed_at is null;
create index webhook_events_received_at_idx on public.webhook_events (received_at desc);

revoke execute on all functions in schema private from public;
