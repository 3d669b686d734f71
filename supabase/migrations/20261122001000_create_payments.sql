-- Payments: payment links and what the providers said about them.

create type public.payment_provider as enum ('instamojo', 'phonepe');
create type public.payment_status as enum ('created', 'pending', 'paid', 'failed', 'expired', 'refunded');

-- Payments. Invariants: money is integer paise plus currency; a provider's payment id and order id
-- are each unique per provider, so a duplicated webhook finds the same row; status never moves
-- back (a paid payment never returns to pending; refunded is final); paid and refunded payments
-- carry paid_at and are never deleted.
create table public.payments (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid references public.leads (id) on delete set null,
  profile_id uuid references public.profiles (id) on delete set null,
  batch_id uuid references public.batches (id) on delete restrict,
  provider public.payment_provider not null,
  provider_order_id text,
  provider_payment_id text,
  list_price_paise bigint check (list_price_paise >= 0),
  discount_paise bigint not null default 0 check (discount_paise >= 0),
  amount_paise bigint not null check (amount_paise > 0),
  currency public.currency_code not null default 'INR',
  pricing_note text,
  status public.payment_status not null default 'created',
  payment_url text,
  expires_at timestamptz,
  paid_at timestamptz,
  failed_at timestamptz,
  refunded_at timestamptz,
  refunded_paise bigint not null default 0 check (refunded_paise >= 0 and refunded_paise <= amount_paise),
  failure_reason text,
  receipt_number text unique,
  receipt_path text,
  raw jsonb not null default '{}' check (jsonb_typeof(raw) = 'object'),
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(lead_id, profile_id) >= 1),
  check (status not in ('paid', 'refunded') or paid_at is not null),
  check (list_price_paise is null or discount_paise <= list_price_paise)
);
comment on table public.payments is
  'A payment link for a lead or student for a batch. provider_order_id: Instamojo payment request id '
  'or PhonePe merchant order id; provider_payment_id: the provider''s id of the actual payment. '
  'pricing_note explains a discount or a fixed amount. raw keeps the provider''s latest data.';
alter table public.payments enable row level security;

create policy "Admins can read payments" on public.payments
  for select to authenticated using ((select private.is_admin()));
create policy "Students can read their own payments" on public.payments
  for select to authenticated using (profile_id = (select auth.uid()));
create policy "Admins can create payment links" on public.payments
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update payments" on public.payments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete payments that took no money" on public.payments
  for delete to authenticated using ((select private.is_admin()) and status in ('created', 'failed', 'expired'));

create unique index payments_provider_payment_key on public.payments (provider, provider_payment_id)
  where provider_payment_id is not null;
create unique index payments_provider_order_key on public.payments (provider, provider_order_id)
  where provider_order_id is not null;
create index payments_lead_idx on public.payments (lead_id);
create index payments_profile_idx on public.payments (profile_id);
create index payments_batch_idx on public.payments (batch_id);
create index payments_created_by_idx on public.payments (created_by);
create index payments_paid_at_idx on public.payments (paid_at) include (amount_paise, refunded_paise, currency)
  where paid_at is not null;
create index payments_open_idx on public.payments (created_at) where status in ('created', 'pending');

create trigger payments_keep_status_forward before update of status on public.payments
  for each row execute function private.keep_status_forward('created', 'pending', 'failed', 'expired', 'paid', 'refunded');

-- Named to sort after payments_keep_status_forward: BEFORE triggers fire in name order.
create trigger payments_stamp_status before insert or update of status on public.payments
  for each row execute function private.stamp_status_time(
    'paid', 'paid_at', 'failed', 'failed_at', 'refunded', 'paid_at', 'refunded', 'refunded_at');
create trigger payments_touch_updated_at before update on public.payments
  for each row execute function private.touch_updated_at();
create trigger payments_stop_sequences after insert or update of status on public.payments
  for each row when (new.status = 'paid')
  execute function private.stop_contact_sequences('paid');
create trigger payments_audit after insert or update or delete on public.payments
  for each row execute function private.record_audit();

alter table public.enrollments
  add constraint enrollments_payment_id_fkey foreign key (payment_id) references public.payments (id) on delete set null;
alter table public.sequence_enrollments
  add constraint sequence_enrollments_payment_id_fkey foreign key (payment_id) references public.payments (id) on delete cascade;

revoke execute on all functions in schema private from public;
