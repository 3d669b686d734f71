-- Reconciliation asks about orders we expired while their payer may still pay them, and follows PhonePe's
-- status-check schedule from the attempt, not from the link (issue #7, decision 0683).
--
-- An order we mark expired (a renewal replaced it, the link was closed, the batch was paid through another
-- link) can still be paid at PhonePe until PhonePe's own expiry of it: the payer may have its checkout open.
-- Reconciliation now asks about such an order until PhonePe lapsed it and an attempt begun by then has timed
-- out. It selects them by status and the time the order was made, so the functions that expire orders
-- (private.renew_payment_link, private.close_payment_link, private.convert_paid) stay as they are.
--
-- PhonePe wants the first status check 20-25 s after the payment starts and then a tightening schedule
-- from the attempt's start. A new payment was due at once, and the schedule counted from the link's
-- creation, so an attempt begun 40 minutes later was asked about every 10 minutes.

alter table public.payments
  add column order_made_at timestamptz,
  add column pending_since timestamptz;
comment on column public.payments.order_made_at is
  'When the provider''s order (provider_order_id) was recorded, so at or after the provider made it: a '
  'PhonePe order lapses at the provider its lifetime after this at the latest.';
comment on column public.payments.pending_since is
  'When the payment was first seen pending (an attempt under way): PhonePe''s status-check schedule counts '
  'from here.';

-- PhonePe: first check 25 s after the payment starts (workflows/payment_reconciliation.py keeps the rest).
alter table public.payments alter column next_status_check_at set default now() + interval '25 seconds';

create function private.stamp_order_and_attempt() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.provider_order_id is not null and new.order_made_at is null then
    new.order_made_at := now();
  end if;
  if new.status = 'pending' and new.pending_since is null then
    new.pending_since := now();
    if new.next_status_check_at is not null then  -- null: never ask again
      new.next_status_check_at := least(new.next_status_check_at, now() + interval '25 seconds');
    end if;
  end if;
  return new;
end
$$;
comment on function private.stamp_order_and_attempt() is
  'BEFORE INSERT/UPDATE OF provider_order_id, status on payments: stamps order_made_at when the order is '
  'recorded, and pending_since when the payment is first seen pending, whose first status check is then '
  'due 25 s later (PhonePe''s schedule) unless one is due sooner or none is (null: never again).';
-- Named to sort after payments_keep_status_forward: BEFORE triggers fire in name order. The WHEN keeps the
-- function out of every other write (a conversion's move to paid calls nothing here).
create trigger payments_stamp_order_and_attempt
  before insert or update of provider_order_id, status on public.payments
  for each row
  when (new.provider_order_id is not null and new.order_made_at is null
        or new.status = 'pending' and new.pending_since is null)
  execute function private.stamp_order_and_attempt();

-- Orders recorded before this migration: their creation stands in for the time they were made (only the
-- ones reconciliation may still ask about).
update public.payments set order_made_at = created_at
 where provider_order_id is not null and order_made_at is null
   and (status in ('created', 'pending', 'failed') or status = 'expired' and created_at > now() - interval '1 day');

-- The expired orders reconciliation still asks about: PhonePe's by when they were made.
create index payments_expired_orders_idx on public.payments (provider, order_made_at)
  where status = 'expired' and provider_order_id is not null;

revoke execute on all functions in schema private from public;
