-- Refunds the center starts (POST /admin/payments/<id>/refunds): one at a time per payment, asked of the
-- provider by the outbox worker (payments/refund), confirmed by refund webhooks or the reconciliation
-- tick. Invariant: a payment is refund_pending exactly while it carries the refund in flight
-- (refund_reference, refund_pending_paise); a settled refund adds to refunded_paise and the payment
-- becomes refunded when nothing is left, or paid again after a partial refund or a failed one.
alter table public.payments
  add column refund_reference text unique check (refund_reference ~ '^[A-Za-z0-9_-]{1,34}$'),
  add column refund_provider_ref text,
  add column refund_pending_paise bigint check (refund_pending_paise > 0),
  add column refund_reason text check (length(refund_reason) between 1 and 500),
  add constraint payments_refund_in_flight check (
    (status = 'refund_pending') = (refund_reference is not null and refund_pending_paise is not null));
comment on column public.payments.refund_reference is
  'Our id of the refund in flight (PhonePe merchantRefundId, Instamojo transaction_id); null when none.';
comment on column public.payments.refund_provider_ref is
  'What the provider''s refund status API takes for the refund in flight (PhonePe: our reference; '
  'Instamojo: its refund id), set once the provider accepted the refund.';

drop index public.payments_status_check_due_idx;
create index payments_status_check_due_idx on public.payments (next_status_check_at)
  where status in ('created', 'pending', 'refund_pending') and next_status_check_at is not null;

create or replace function private.settle_refund(
  p_provider public.payment_provider, p_order_ref text, p_refund_ref text, p_status text,
  p_amount bigint, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  ours boolean;
  refunded bigint;
  this_refund bigint;
begin
  select * into pay from public.payments p
   where p.provider = p_provider
     and (p.provider_order_id = p_order_ref or p.refund_reference = p_refund_ref
          or p.refund_provider_ref = p_refund_ref)
   order by p.provider_order_id = p_order_ref desc
   limit 1 for update;
  if not found then
    raise exception 'no % payment with reference %', p_provider, p_order_ref using errcode = 'P0002';
  end if;
  if p_event_id is not null then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
  end if;
  ours := pay.status = 'refund_pending'
          and (p_refund_ref is null or p_refund_ref in (pay.refund_reference, pay.refund_provider_ref));
  if p_status = 'failed' and ours then
    update public.payments
       set status = 'paid', refund_reference = null, refund_provider_ref = null, refund_pending_paise = null,
           refund_reason = null, next_status_check_at = null, raw = raw || jsonb_build_object('refund', p_raw)
     where id = pay.id;
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Refund of %s failed at the provider; the payment stays paid.', private.format_inr(pay.refund_pending_paise)));
    return 'paid';
  end if;
  -- Completed: ours, or one made at the provider's dashboard on a payment we never refunded.
  if p_status <> 'completed' or not (ours or (pay.status = 'paid' and pay.refunded_paise = 0)) then
    return null;
  end if;
  refunded := least(pay.amount_paise,
                    pay.refunded_paise + coalesce(p_amount, pay.refund_pending_paise, pay.amount_paise));
  this_refund := refunded - pay.refunded_paise;
  update public.payments
     set status = case when refunded >= amount_paise then 'refunded' else 'paid' end::public.payment_status,
         refunded_paise = refunded, refund_reference = null, refund_provider_ref = null,
         refund_pending_paise = null, refund_reason = null, next_status_check_at = null,
         raw = raw || jsonb_build_object('refund', p_raw)
   where id = pay.id
  returning * into pay;
  if pay.status = 'refunded' then
    perform private.refund_paid(pay);
  else
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Refunded %s of %s; enrollment kept', private.format_inr(this_refund), private.format_inr(pay.amount_paise)));
  end if;
  return pay.status::text;
end
$$;
comment on function private.settle_refund(public.payment_provider, text, text, text, bigint, jsonb, text) is
  'Apply a provider-confirmed refund outcome (completed or failed) once, under the payment''s row lock. '
  'Only the refund in flight (matched by our or the provider''s reference) or, on a payment never '
  'refunded, a refund made at the provider''s dashboard counts; anything else changes nothing (null). A '
  'full refund cancels the enrollment when automation_settings.cancel_enrollment_on_refund; a partial '
  'one keeps it. Returns the payment''s new status. Marks webhook event p_event_id processed.';

revoke execute on all functions in schema private from public;
