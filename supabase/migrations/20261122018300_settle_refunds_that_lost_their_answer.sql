-- Refunds (decision 0673): a refund whose provider answer was lost is found again by reconciliation, one that
-- never reached the provider is reported to the admins once, and a refused refund says why.

alter table public.payments add column refund_alerted_at timestamptz;
comment on column public.payments.refund_alerted_at is
  'When the admins were told that the refund in flight never reached the provider (its outbox row died); '
  'a new refund request clears it, so each refund is reported at most once.';

-- Refunds asked before this change and never sent (their outbox row dead-lettered) had no next check at all:
-- the next reconciliation tick asks the provider about them.
update public.payments set next_status_check_at = now()
 where status = 'refund_pending' and refund_provider_ref is null and next_status_check_at is null;

create function private.provider_name(p public.payment_provider) returns text
language sql immutable set search_path = '' as $$
  select case p when 'instamojo' then 'Instamojo' when 'phonepe' then 'PhonePe' else p::text end
$$;
comment on function private.provider_name(public.payment_provider) is 'A payment provider as people write it.';

create function private.alert_refund_not_sent(p_payment uuid, p_error text) returns void
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  body text;
begin
  update public.payments set refund_alerted_at = now()
   where id = p_payment and status = 'refund_pending' and refund_alerted_at is null
  returning * into pay;
  if not found then
    return;
  end if;
  body := format('The refund of %s to %s never reached %s (%s). Retry it under Outbox; or cancel it there, '
                 'and the payment goes back to paid.', private.format_inr(pay.refund_pending_paise),
                 private.payer_name(pay), private.provider_name(pay.provider),
                 coalesce(nullif(p_error, ''), 'its request was given up'));
  perform private.add_note(pay.lead_id, pay.profile_id, body);
  perform private.notify_admins('refund_not_sent', 'Refund not sent', body, '/admin/outbox');
end
$$;
comment on function private.alert_refund_not_sent(uuid, text) is
  'The refund in flight on payment p_payment never reached its provider and nothing retries it (its outbox '
  'row is dead; p_error is the last error): a timeline note and a refund_not_sent notice to each admin, once '
  'per refund (refund_alerted_at).';

create function private.note_refund_failed(pay public.payments, p_raw jsonb) returns void
language plpgsql set search_path = '' as $$
declare
  provider text := private.provider_name(pay.provider);
  why text := case when p_raw ? 'refusal' then format('%s refused it (%s)', provider, rtrim(p_raw->>'refusal', '. '))
                   else coalesce(p_raw->>'reason', provider || ' rejected it') end;
  body text := format('Refund of %s to %s failed: %s. The payment stays paid; refund it again, or from %s''s '
                      'dashboard.', private.format_inr(pay.refund_pending_paise), private.payer_name(pay), why,
                      provider);
begin
  perform private.add_note(pay.lead_id, pay.profile_id, body);
  perform private.notify_admins('refund_failed', 'Refund failed', body,
                                coalesce('/admin/leads/' || pay.lead_id, '/admin/payments'));
end
$$;
comment on function private.note_refund_failed(public.payments, jsonb) is
  'The refund in flight on `pay` failed: a timeline note and a refund_failed notice to each admin, saying why '
  '(p_raw: the provider''s refusal in ''refusal'', or our own words in ''reason'') and what to do.';

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
    perform private.note_refund_failed(pay, p_raw);
    update public.payments
       set status = 'paid', refund_reference = null, refund_provider_ref = null, refund_pending_paise = null,
           refund_reason = null, next_status_check_at = null, raw = raw || jsonb_build_object('refund', p_raw)
     where id = pay.id;
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
comment on function private.settle_refund(public.payment_provider, text, text, text, bigint, jsonb, text) is
  'Apply a provider-confirmed refund outcome (completed or failed) once, under the payment''s row lock. '
  'Only the refund in flight (matched by our or the provider''s reference) or, on a payment never '
  'refunded, a refund made at the provider''s dashboard counts; anything else changes nothing (null). '
  'Refunds add up to at most what the payment received (received_paise); refunding all of it makes the '
  'payment refunded, which cancels the enrollment when automation_settings.cancel_enrollment_on_refund; a '
  'partial one keeps it. A failed one leaves the payment paid and tells why (private.note_refund_failed, '
  'from p_raw). Returns the payment''s new status. Marks webhook event p_event_id processed.';
