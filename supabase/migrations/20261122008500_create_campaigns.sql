-- Campaigns: one bulk email, WhatsApp or AI-call run to a chosen audience of leads, and the link
-- from each message it queued (outbox row and timeline row) back to it.

create type public.campaign_channel as enum ('email', 'whatsapp', 'call');

-- Invariants: written by the service in the same transaction as the messages it queues; one row per
-- request_id (a retried request finds the campaign instead of queueing twice); recipients is the
-- number of messages queued and excluded the number of audience leads left out, by reason in
-- excluded_reasons ({"opted out of email": 3, ...}).
create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  channel public.campaign_channel not null,
  template text not null check (template ~ '^[a-z][a-z0-9_]*$'),
  audience jsonb not null check (jsonb_typeof(audience) = 'object'),
  request_id text not null unique check (length(request_id) between 8 and 100),
  recipients integer not null default 0 check (recipients >= 0),
  excluded integer not null default 0 check (excluded >= 0),
  excluded_reasons jsonb not null default '{}' check (jsonb_typeof(excluded_reasons) = 'object'),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.campaigns is
  'A bulk message or AI-call run: audience = the lead filter or lead ids it was sent to, as requested; '
  'the messages point back through outbox.campaign_id and crm_messages.campaign_id.';
alter table public.campaigns enable row level security;

create policy "Admins can read campaigns" on public.campaigns
  for select to authenticated using ((select private.is_admin()));

create index campaigns_created_at_idx on public.campaigns (created_at desc);
create index campaigns_created_by_idx on public.campaigns (created_by);

alter table public.outbox add column campaign_id uuid references public.campaigns (id) on delete set null;
alter table public.crm_messages add column campaign_id uuid references public.campaigns (id) on delete set null;
comment on column public.crm_messages.campaign_id is 'The campaign that queued this message, if any.';
create index outbox_campaign_idx on public.outbox (campaign_id) where campaign_id is not null;
create index crm_messages_campaign_idx on public.crm_messages (campaign_id, status) where campaign_id is not null;

-- Per-status counts of one campaign's messages in one round trip; RLS on crm_messages still applies.
create or replace function public.campaign_status_counts(campaign uuid)
returns table (status public.message_status, messages bigint)
language sql stable security invoker set search_path = '' as $$
  select m.status, count(*) from public.crm_messages m where m.campaign_id = campaign group by m.status
$$;
revoke execute on function public.campaign_status_counts(uuid) from public, anon;
grant execute on function public.campaign_status_counts(uuid) to authenticated;

alter publication supabase_realtime add table public.campaigns;
