-- Getting paid: when the service next asks a provider about an open payment, and receipt numbers.

-- Invariant: an open payment (created or pending) whose next_status_check_at has passed is due for a
-- status check; the reconciliation tick claims it with FOR UPDATE SKIP LOCKED and moves the time on
-- before calling the provider, so instances never check the same payment at once. Null = never again.
alter table public.payments
  add column next_status_check_at timestamptz default now(),
  add column status_checked_at timestamptz;
comment on column public.payments.next_status_check_at is
  'When reconciliation next asks the provider for this payment''s status (PhonePe''s mandated schedule, '
  'Instamojo''s payment API); null once the payment is settled or the link has lapsed.';
comment on column public.payments.status_checked_at is 'When the provider last told us this payment''s status.';

create index payments_status_check_due_idx on public.payments (next_status_check_at)
  where status in ('created', 'pending') and next_status_check_at is not null;

-- Receipt numbers: one sequence, never reused (gaps are allowed: a rolled-back conversion burns one).
create sequence private.receipt_numbers;

create or replace function private.next_receipt_number() returns text
language sql volatile security definer set search_path = '' as $$
  select 'RCT-' || to_char(now() at time zone private.center_timezone(), 'YYYY') || '-'
         || lpad(nextval('private.receipt_numbers')::text, 6, '0')
$$;
comment on function private.next_receipt_number() is
  'The next receipt number, e.g. RCT-2026-000042 (the year in the center''s zone); unique because the '
  'sequence never repeats.';

revoke execute on all functions in schema private from public;
