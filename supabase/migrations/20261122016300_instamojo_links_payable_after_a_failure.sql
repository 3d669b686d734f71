-- An Instamojo link stays payable after a failed attempt: the payer may try again on the same link and
-- succeed. A failed Instamojo payment whose link has not lapsed therefore stays on reconciliation's
-- schedule (and the return page asks Instamojo again), so a success whose webhook was lost still ends
-- paid. PhonePe orders end with their failure, as before.

create function private.payable_after_failure(pay public.payments, p_status text) returns boolean
language sql stable set search_path = '' as $$
  select p_status = 'failed' and pay.provider = 'instamojo' and (pay.expires_at is null or pay.expires_at > now())
$$;
comment on function private.payable_after_failure(public.payments, text) is
  'An Instamojo link whose attempt just failed and that has not lapsed: the payer may still pay on it.';

create or replace function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_payment_id text,
  p_reason text, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  paid boolean := p_status = 'paid';
  student uuid;
begin
  if p_status = 'refunded' then  -- refunds have their own rules (20261122007200)
    return private.settle_refund(p_provider, p_order_ref, null, 'completed', null, p_raw, p_event_id);
  end if;
  select * into pay from public.payments p where p.provider = p_provider and p.provider_order_id = p_order_ref
     for update;
  if not found then
    raise exception 'no % payment with reference %', p_provider, p_order_ref using errcode = 'P0002';
  end if;
  if p_event_id is not null then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
  end if;
  if private.payment_status_rank(p_status) <= private.payment_status_rank(pay.status::text) then
    update public.payments set status_checked_at = now() where id = pay.id;
    return null;
  end if;
  if paid then
    student := private.payment_student(pay);
    -- Before the payment moves: 'enrolled' raises the lead's funnel stage, so the payment's trigger
    -- (private.advance_lead_on_payment) has nothing left to write for this lead.
    if pay.lead_id is not null then
      update public.leads set status = 'enrolled', converted_profile_id = coalesce(converted_profile_id, student)
       where id = pay.lead_id;
    end if;
  end if;
  update public.payments
     set status = p_status::public.payment_status,
         provider_payment_id = coalesce(provider_payment_id, p_payment_id),
         failure_reason = case when p_status = 'failed' then coalesce(p_reason, 'declined') else failure_reason end,
         raw = p_raw, status_checked_at = now(),
         next_status_check_at = case when p_status in ('created', 'pending')
                                       or private.payable_after_failure(pay, p_status) then next_status_check_at end,
         receipt_number = case when paid then coalesce(receipt_number, private.next_receipt_number())
                               else receipt_number end,
         profile_id = case when paid then coalesce(profile_id, student) else profile_id end
   where id = pay.id
  returning * into pay;
  if paid then
    perform private.convert_paid(pay, student);
  elsif p_status = 'failed' then
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Payment of %s failed (%s); %s', private.format_inr(pay.amount_paise), pay.failure_reason,
             case when private.payable_after_failure(pay, p_status)
                  then 'the payer can try again on the same link, or a new link can be sent.'
                  else 'a new link can be sent.' end));
  end if;
  return p_status;
end
$$;
comment on function private.apply_payment_state(public.payment_provider, text, text, text, text, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid enrolls the lead, numbers the receipt and converts (private.convert_paid), '
  'failed notes it (an Instamojo link that has not lapsed stays on reconciliation''s schedule: the payer '
  'may pay on it yet), refunded goes to private.settle_refund. Returns the new status, or null when the '
  'report changed nothing. Marks webhook event p_event_id processed in the same transaction. Raises P0002 '
  'for an unknown payment.';

drop index public.payments_status_check_due_idx;
create index payments_status_check_due_idx on public.payments (next_status_check_at)
  where status in ('created', 'pending', 'failed', 'refund_pending') and next_status_check_at is not null;

revoke execute on all functions in schema private from public;
