-- Follow-up sequences: cadences of messages (day 1 / 3 / 7 ...) and who is going through one.

-- Sequences. Invariants: key is the stable name code refers to ('welcome', 'fee_reminder', ...).
create table public.sequences (
  id uuid primary key default gen_random_uuid(),
  key text not null unique check (key ~ '^[a-z][a-z0-9_]*$'),
  name text not null check (length(name) between 1 and 200),
  description text,
  active boolean not null default true,
  stop_on_reply boolean not null default true,
  stop_on_payment boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.sequences is
  'A follow-up cadence. An opt-out always stops it; stop_on_reply and stop_on_payment say whether an '
  'inbound message or a paid payment does too.';
alter table public.sequences enable row level security;

create policy "Admins can read sequences" on public.sequences
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create sequences" on public.sequences
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update sequences" on public.sequences
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete sequences" on public.sequences
  for delete to authenticated using ((select private.is_admin()));

create trigger sequences_touch_updated_at before update on public.sequences
  for each row execute function private.touch_updated_at();

-- Steps. Invariants: positions are unique within a sequence; delay counts from the start of the
-- sequence enrollment, so steps run in position order with non-decreasing delays.
create table public.sequence_steps (
  id uuid primary key default gen_random_uuid(),
  sequence_id uuid not null references public.sequences (id) on delete cascade,
  position smallint not null check (position > 0),
  delay interval not null check (delay >= interval '0'),
  channel public.contact_channel not null,
  party public.contact_party not null default 'self',
  template text not null check (template ~ '^[a-z][a-z0-9_]*$'),
  unique (sequence_id, position)
);
comment on table public.sequence_steps is
  'One message of a sequence: template (a folder of automation/templates/messages) sent on channel to '
  'party, delay after the sequence enrollment started.';
alter table public.sequence_steps enable row level security;

create policy "Admins can read sequence steps" on public.sequence_steps
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create sequence steps" on public.sequence_steps
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update sequence steps" on public.sequence_steps
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete sequence steps" on public.sequence_steps
  for delete to authenticated using ((select private.is_admin()));

-- Sequence enrollments. Invariants: one active run per sequence, contact and payment; an active run
-- has its next step's position and due time; a stopped run says why.
create type public.sequence_run_status as enum ('active', 'completed', 'stopped');

create table public.sequence_enrollments (
  id uuid primary key default gen_random_uuid(),
  sequence_id uuid not null references public.sequences (id) on delete cascade,
  lead_id uuid references public.leads (id) on delete cascade,
  profile_id uuid references public.profiles (id) on delete cascade,
  payment_id uuid,
  status public.sequence_run_status not null default 'active',
  next_position smallint check (next_position > 0),
  next_due_at timestamptz,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  stop_reason text check (stop_reason in ('replied', 'paid', 'opted_out', 'manual', 'expired')),
  check (num_nonnulls(lead_id, profile_id) = 1),
  check ((status = 'active') = (next_due_at is not null and next_position is not null)),
  check ((status = 'stopped') = (stop_reason is not null))
);
comment on table public.sequence_enrollments is
  'A contact going through a sequence (payment_id set for fee reminders). The worker''s tick picks '
  'active rows with next_due_at <= now() (FOR UPDATE SKIP LOCKED), enqueues the step and advances.';
alter table public.sequence_enrollments enable row level security;

create policy "Admins can read sequence enrollments" on public.sequence_enrollments
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create sequence enrollments" on public.sequence_enrollments
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update sequence enrollments" on public.sequence_enrollments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete sequence enrollments" on public.sequence_enrollments
  for delete to authenticated using ((select private.is_admin()));

create unique index sequence_enrollments_active_key on public.sequence_enrollments
  (sequence_id, lead_id, profile_id, payment_id) nulls not distinct where status = 'active';
create index sequence_enrollments_sequence_idx on public.sequence_enrollments (sequence_id);
create index sequence_enrollments_due_idx on public.sequence_enrollments (next_due_at) where status = 'active';
create index sequence_enrollments_lead_idx on public.sequence_enrollments (lead_id) where lead_id is not null;
create index sequence_enrollments_profile_idx on public.sequence_enrollments (profile_id) where profile_id is not null;
create index sequence_enrollments_payment_idx on public.sequence_enrollments (payment_id) where payment_id is not null;

create or replace function private.stop_sequences(
  lead uuid, profile uuid, reason text
) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.sequence_enrollments r
     set status = 'stopped', stop_reason = reason, finished_at = now(), next_due_at = null, next_position = null
    from public.sequences s
   where s.id = r.sequence_id
     and r.status = 'active'
     and (r.lead_id = lead or r.profile_id = profile)
     and (reason = 'opted_out'
          or (reason = 'replied' and s.stop_on_reply)
          or (reason = 'paid' and s.stop_on_payment));
end
$$;
comment on function private.stop_sequences(uuid, uuid, text) is
  'Stops a contact''s active sequences for a reason (replied, paid, opted_out), honouring each '
  'sequence''s stop_on_* switches; opting out always stops.';

create or replace function private.stop_contact_sequences() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.stop_sequences(new.lead_id, new.profile_id, tg_argv[0]);
  return null;
end
$$;
comment on function private.stop_contact_sequences() is
  'AFTER row trigger on a table with lead_id and profile_id: stops that contact''s sequences for the '
  'reason given as the trigger''s argument.';
create trigger consents_stop_sequences after insert or update of state on public.consents
  for each row when (new.state = 'opted_out')
  execute function private.stop_contact_sequences('opted_out');

revoke execute on all functions in schema private from public;
