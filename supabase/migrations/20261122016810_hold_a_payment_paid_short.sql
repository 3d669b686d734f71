-- The amount a provider confirms is now checked. A payment confirmed paid for less than it asked (the link
-- made for another amount, the payment edited after the link was made) used to enroll the payer as if paid
-- in full. Now it is paid short: it is paid (money was taken) and keeps what was confirmed in
-- confirmed_paise, but the payer is not enrolled, no receipt is numbered and no welcome goes; the timeline
-- and the admins are told, once (a replay or a reconciliation finds the payment paid already and changes
-- nothing). The admin then sends a link for the balance (a short payment does not count as paid for the
-- batch when a new link is made) or refunds it.

alter table public.payments add column confirmed_paise bigint check (confirmed_paise >= 0);
comment on column public.payments.confirmed_paise is
  'What the provider confirmed was paid, set when the payment became paid. Below amount_paise: paid short '
  '(the payer was not enrolled; see private.note_short_payment).';

create function private.note_short_payment(pay public.payments) returns void
language plpgsql set search_path = '' as $$
declare
  payer text := coalesce((select nullif(l.full_name, '') from public.leads l where l.id = pay.lead_id),
                         (select nullif(p.full_name, '') from public.profiles p where p.id = pay.profile_id),
                         'A payer');
  paid text := format('paid %s of the %s asked for %s', private.format_inr(pay.confirmed_paise),
                      private.format_inr(pay.amount_paise),
                      (select b.name from public.batches b where b.id = pay.batch_id));
begin
  perform private.add_note(pay.lead_id, pay.profile_id,
    format('Payment %s %s: not enrolled. Confirm the amount at the payment provider, then send a link for '
           'the balance or refund the payment.', pay.id, paid));
  insert into public.notifications (user_id, type, title, body, link)
  select a.id, 'payment_short', 'Paid less than asked',
         format('%s %s; they are not enrolled. Send a link for the balance, or refund.', payer, paid),
         coalesce('/admin/leads/' || pay.lead_id, '/admin/payments')
    from public.profiles a where a.role = 'admin';
end
$$;
comment on function private.note_short_payment(public.payments) is
  'A payment just became paid for less than it asked (confirmed_paise < amount_paise): a timeline note and '
  'an admin notification (payment_short) saying so and what to do.';

drop function private.apply_payment_state(public.payment_provider, text, text, text, text, jsonb, text);
create function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_amount_paise bigint,
  p_payment_id text, p_reason text, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  paid boolean;
  short boolean;
  student uuid;
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
             case when private.payable_after_failure(pay, p_status)
                  then 'the payer can try again on the same link, or a new link can be sent.'
                  else 'a new link can be sent.' end));
  end if;
  return p_status;
end
$$;
comment on function private.apply_payment_state(public.payment_provider, text, text, bigint, text, text, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid (p_amount_paise, the confirmed amount, at least what was asked) enrolls '
  'the lead, numbers the receipt and converts (private.convert_paid); paid for less is paid short '
  '(private.note_short_payment, no enrollment); failed notes it (an Instamojo link that has not lapsed stays '
  'on reconciliation''s schedule: the payer may pay on it yet); refunded goes to private.settle_refund. '
  'Returns the new status, or null when the report changed nothing. Marks webhook event p_event_id '
  'processed in the same transaction. Raises P0002 for an unknown payment, 22004 for paid without an amount.';

revoke execute on all functions in schema private from public;
