-- Timeline notes that said what was not so:
-- - A failed PhonePe payment noted "a new link can be sent". Since decision 0666 the payer can pay again
--   from the same link, whose page makes a new order; the note now says so. Only a link that no longer
--   takes payment (private.link_payable) needs a new one.
-- - A refund noted "enrollment kept" (or "cancelled") for a payment that never had a seat (paid short,
--   decision 0668, or paid before the payer had an account); the note now says no seat was taken.
-- The words come from two small functions, so the conversion and refund functions are redefined here only
-- to call them.

create function private.after_failure_note(pay public.payments) returns text
language plpgsql stable set search_path = '' as $$
begin
  if not private.link_payable((select p from public.payments p where p.id = coalesce(pay.renews, pay.id))) then
    return 'a new link can be sent.';
  end if;
  if private.payable_after_failure(pay, pay.status::text) then
    return 'the payer can try again on the same link, or a new link can be sent.';
  end if;
  return 'the payer can pay again from the same link, which makes a new order, or a new link can be sent.';
end
$$;
comment on function private.after_failure_note(public.payments) is
  'What a failed payment leaves the payer, as its timeline note ends: the same link (an Instamojo link '
  'still taking payment, or the link page making a new order, decision 0666) or a new link.';

create function private.seat_after_refund(pay public.payments, p_cancelled boolean) returns text
language plpgsql stable set search_path = '' as $$
begin
  if not exists (select 1 from public.enrollments e where e.payment_id = pay.id) then
    return 'no seat was taken with it';
  end if;
  return case when p_cancelled then 'enrollment cancelled' else 'enrollment kept' end;
end
$$;
comment on function private.seat_after_refund(public.payments, boolean) is
  'What a refund did to the seat the payment bought, as its timeline note says it.';

create or replace function private.refund_paid(pay public.payments) returns void
language plpgsql set search_path = '' as $$
declare
  cancel boolean := (select s.cancel_enrollment_on_refund from public.automation_settings s limit 1);
begin
  if cancel then
    update public.enrollments set status = 'cancelled', cancel_reason = 'refunded'
     where payment_id = pay.id and status in ('pending', 'active');
  end if;
  perform private.add_note(pay.lead_id, pay.profile_id,
    format('Refunded %s; %s', private.format_inr(pay.refunded_paise), private.seat_after_refund(pay, cancel)));
end
$$;

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
  refunded := least(pay.received_paise,
                    pay.refunded_paise + coalesce(p_amount, pay.refund_pending_paise, pay.received_paise));
  this_refund := refunded - pay.refunded_paise;
  update public.payments
     set status = case when refunded >= received_paise then 'refunded' else 'paid' end::public.payment_status,
         refunded_paise = refunded, refund_reference = null, refund_provider_ref = null,
         refund_pending_paise = null, refund_reason = null, next_status_check_at = null,
         raw = raw || jsonb_build_object('refund', p_raw)
   where id = pay.id
  returning * into pay;
  if pay.status = 'refunded' then
    perform private.refund_paid(pay);
  else
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Refunded %s of %s; %s', private.format_inr(this_refund), private.format_inr(pay.received_paise),
             private.seat_after_refund(pay, false)));
  end if;
  return pay.status::text;
end
$$;

create or replace function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_amount_paise bigint,
  p_payment_id text, p_reason text, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  paid boolean;
  short boolean;
  student uuid;
  was public.payment_status;
begin
  if p_status = 'refunded' then  -- refunds have their own rules (20261122007200)
    return private.settle_refund(p_provider, p_order_ref, null, 'completed', null, p_raw, p_event_id);
  end if;
  if p_status = 'paid' and p_amount_paise is null then
    raise exception 'a paid state needs the confirmed amount' using errcode = '22004';
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
  was := pay.status;
  short := p_status = 'paid' and p_amount_paise < pay.amount_paise;
  paid := p_status = 'paid' and not short;
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
         confirmed_paise = case when p_status = 'paid' then p_amount_paise else confirmed_paise end,
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
  elsif short then
    perform private.note_short_payment(pay);
  elsif p_status = 'failed' then
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Payment of %s failed (%s); %s', private.format_inr(pay.amount_paise), pay.failure_reason,
             private.after_failure_note(pay)));
  end if;
  if p_status = 'paid' and (was = 'expired' or pay.expires_at <= now()) then
    perform private.note_payment_on_closed_link(pay, was = 'expired');
  end if;
  return p_status;
end
$$;


revoke execute on all functions in schema private from public;
