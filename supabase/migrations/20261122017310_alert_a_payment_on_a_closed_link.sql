-- A payment confirmed on a link that no longer took payment (expired because the payer paid another link
-- for the batch, or past its expires_at) was applied without a word: a payer charged twice for one seat,
-- or a payment settling after its link lapsed, went unseen. The money is still applied as before (it was
-- taken and must not be lost); now the same transaction also notes it on the timeline and tells each admin
-- what happened and what to do (decision 0668). Nothing more is read on a normal conversion: the check is
-- on the locked row, and the payer's other payments are looked up only for such a payment.

create function private.payer_name(pay public.payments) returns text
language plpgsql stable set search_path = '' as $$
begin
  return coalesce((select nullif(l.full_name, '') from public.leads l where l.id = pay.lead_id),
                  (select nullif(p.full_name, '') from public.profiles p where p.id = pay.profile_id),
                  'A payer');
end
$$;
comment on function private.payer_name(public.payments) is
  'Who paid, as an admin notice names them: the lead''s name, else the student''s, else "A payer".';

create or replace function private.note_short_payment(pay public.payments) returns void
language plpgsql set search_path = '' as $$
declare
  paid text := format('paid %s of the %s asked for %s', private.format_inr(pay.confirmed_paise),
                      private.format_inr(pay.amount_paise),
                      (select b.name from public.batches b where b.id = pay.batch_id));
begin
  perform private.add_note(pay.lead_id, pay.profile_id,
    format('Payment %s %s: not enrolled. Confirm the amount at the payment provider, then send a link for '
           'the balance or refund the payment.', pay.id, paid));
  insert into public.notifications (user_id, type, title, body, link)
  select a.id, 'payment_short', 'Paid less than asked',
         format('%s %s; they are not enrolled. Send a link for the balance, or refund.', private.payer_name(pay), paid),
         coalesce('/admin/leads/' || pay.lead_id, '/admin/payments')
    from public.profiles a where a.role = 'admin';
end
$$;

create function private.note_payment_on_closed_link(pay public.payments, p_closed boolean) returns void
language plpgsql set search_path = '' as $$
declare
  other public.payments;
  how text := case when p_closed then 'on a link that had been closed'
                   else format('after the link lapsed (%s)',
                               to_char(pay.expires_at at time zone private.center_timezone(), 'DD Mon YYYY HH24:MI')) end;
  what text := format('%s paid %s for %s %s', private.payer_name(pay), private.format_inr(pay.received_paise),
                      coalesce((select b.name from public.batches b where b.id = pay.batch_id), 'no batch'), how);
  title text;
  body text;
begin
  select q.* into other from public.payments q
   where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id)
     and q.id <> pay.id and q.status in ('paid', 'refund_pending') and q.received_paise >= q.amount_paise
   order by q.paid_at
   limit 1;
  if other.id is not null then
    title := 'Paid twice for one batch';
    body := format('%s; they had already paid %s on another link. Refund one of the two payments.',
                   what, private.format_inr(other.received_paise));
  else
    title := case when p_closed then 'Paid on a closed link' else 'Paid after the link lapsed' end;
    body := format('%s. The payment was recorded as usual: check their seat in the batch, and refund the '
                   'payment if it should not stand.', what);
  end if;
  perform private.add_note(pay.lead_id, pay.profile_id, body);
  insert into public.notifications (user_id, type, title, body, link)
  select a.id, 'payment_on_closed_link', title, body, coalesce('/admin/leads/' || pay.lead_id, '/admin/payments')
    from public.profiles a where a.role = 'admin';
end
$$;
comment on function private.note_payment_on_closed_link(public.payments, boolean) is
  'A payment just became paid on a link that no longer took payment (p_closed: expired, e.g. because the '
  'payer paid another link; else past expires_at): a timeline note and a payment_on_closed_link notice to '
  'each admin, saying what happened and what to do (refund one of two payments for the batch, or check '
  'the seat).';

-- A failed payment's note ends with what is left to the payer (redefined with payment links that outlive
-- their orders, 20261122017500).
create function private.after_failure_note(pay public.payments) returns text
language plpgsql stable set search_path = '' as $$
begin
  if private.payable_after_failure(pay, pay.status::text) then
    return 'the payer can try again on the same link, or a new link can be sent.';
  end if;
  return 'a new link can be sent.';
end
$$;
comment on function private.after_failure_note(public.payments) is
  'What a failed payment leaves the payer, as its timeline note ends: the same link or a new one.';

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
comment on function private.apply_payment_state(public.payment_provider, text, text, bigint, text, text, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid (p_amount_paise, the confirmed amount, at least what was asked) enrolls '
  'the lead, numbers the receipt and converts (private.convert_paid); paid for less is paid short '
  '(private.note_short_payment, no enrollment); paid on a link that had been closed or had lapsed is applied '
  'the same way and the admins are told (private.note_payment_on_closed_link); failed notes it (an Instamojo '
  'link that has not lapsed stays on reconciliation''s schedule: the payer may pay on it yet); refunded goes '
  'to private.settle_refund. '
  'Returns the new status, or null when the report changed nothing. Marks webhook event p_event_id '
  'processed in the same transaction. Raises P0002 for an unknown payment, 22004 for paid without an amount.';

revoke execute on all functions in schema private from public;
