-- Two gaps in the payment alerts of decision 0668 (decision 0671).
--
-- 1. A payer paid the batch twice unseen. When one link was paid, the payer's other link for the batch that
--    was being paid at that moment (pending) stayed open (0665: money may be in flight), and when it was
--    paid too, private.convert_paid seated the student again (a no-op), noted "Paid ... enrolled" a second
--    time and told nobody. Now the conversion's one sibling statement also returns the payer's earlier
--    payment in full for the batch: a second payment gets its receipt but no second seat, welcome or
--    invitation (when the account exists), and a paid_twice notice and timeline note name both payments
--    and say how to refund the later one. A payment paid short after a payment in full gets the same
--    notice, not "Paid less than asked" (which would ask the payer for a balance they do not owe).
-- 2. The "paid after the link lapsed" alarm went off for a payment begun before the lapse and settled just
--    after it. It now goes off only when the attempt began after expires_at, as the provider's answer says
--    (PhonePe paymentDetails[].timestamp, Instamojo's payment created_at); without that time, only when the
--    payment was confirmed more than a 20-minute grace after the lapse.
--
-- 3. After an Instamojo attempt failed and a later one on the same link paid, the payment kept the failed
--    attempt's id, which refunds and receipts name. The attempt that paid now names the payment.
--
-- The ordinary conversion sends no more statements: the earlier payment is read by the statement that
-- already read the payer's payments for the batch, and the lapse is checked on the locked row first.

create function private.notify_admins(p_type text, p_title text, p_body text, p_link text) returns void
language sql set search_path = '' as $$
  insert into public.notifications (user_id, type, title, body, link)
  select a.id, p_type, p_title, p_body, p_link from public.profiles a where a.role = 'admin'
$$;
comment on function private.notify_admins(text, text, text, text) is
  'The same notice to every admin: what happened and what to do (p_body), and the page where it is done.';

create function private.payment_summary(q public.payments) returns text
language sql stable set search_path = '' as $$
  select format('%s on %s (%s)', private.format_inr(q.received_paise),
                to_char(q.paid_at at time zone private.center_timezone(), 'DD Mon YYYY HH24:MI'),
                coalesce('receipt ' || q.receipt_number, 'no receipt'))
$$;
comment on function private.payment_summary(public.payments) is
  'A paid payment as an admin notice names it: the amount received, when (center''s zone), its receipt.';

create function private.note_paid_twice(pay public.payments, p_earlier uuid, p_closed boolean) returns void
language plpgsql set search_path = '' as $$
declare
  earlier public.payments;
  body text;
begin
  select * into earlier from public.payments q where q.id = p_earlier;
  body := format('%s paid for %s twice: %s, then %s%s. They get one seat. Refund the later payment: on the '
                 'Payments page, choose Refund on the payment with %s (API: POST /admin/payments/%s/refunds).',
                 private.payer_name(pay), coalesce((select b.name from public.batches b where b.id = pay.batch_id),
                 'no batch'), private.payment_summary(earlier), private.payment_summary(pay),
                 case when p_closed then ' on a link that had been closed' else '' end,
                 coalesce('receipt ' || pay.receipt_number, 'no receipt, paid ' ||
                          to_char(pay.paid_at at time zone private.center_timezone(), 'DD Mon YYYY HH24:MI')),
                 pay.id);
  perform private.add_note(pay.lead_id, pay.profile_id, body);
  perform private.notify_admins('paid_twice', 'Paid twice for one batch', body, '/admin/payments');
end
$$;
comment on function private.note_paid_twice(public.payments, uuid, boolean) is
  'A payment just became paid for a batch its payer had already paid in full (p_earlier; p_closed: on a '
  'link that had been closed): a timeline note and a paid_twice notice to each admin naming both payments '
  '(amount, time, receipt) and how to refund the later one (the earlier one holds the seat).';

create function private.paid_in_full_before(pay public.payments) returns uuid
language sql stable set search_path = '' as $$
  select q.id from public.payments q
   where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id)
     and q.id <> pay.id and q.status in ('paid', 'refund_pending') and q.received_paise >= q.amount_paise
   order by q.paid_at
   limit 1
$$;
comment on function private.paid_in_full_before(public.payments) is
  'The payer''s earliest other payment in full for pay''s batch (paid, or a refund of it in flight), if any. '
  'private.convert_paid applies the same rule inside the statement that already reads the payer''s payments: '
  'calling this there cost a second scan of the batch''s payments (0.07-0.27 ms a conversion, measured).';

create or replace function private.note_payment_on_closed_link(pay public.payments, p_closed boolean) returns void
language plpgsql set search_path = '' as $$
declare
  earlier uuid;
  how text := case when p_closed then 'on a link that had been closed'
                   else format('after the link lapsed (%s)',
                               to_char(pay.expires_at at time zone private.center_timezone(), 'DD Mon YYYY HH24:MI')) end;
  body text;
begin
  earlier := private.paid_in_full_before(pay);
  if earlier is not null then
    perform private.note_paid_twice(pay, earlier, p_closed);
    return;
  end if;
  body := format('%s paid %s for %s %s. The payment was recorded as usual: check their seat in the batch, and '
                 'refund the payment if it should not stand.', private.payer_name(pay),
                 private.format_inr(pay.received_paise),
                 coalesce((select b.name from public.batches b where b.id = pay.batch_id), 'no batch'), how);
  perform private.add_note(pay.lead_id, pay.profile_id, body);
  perform private.notify_admins('payment_on_closed_link',
    case when p_closed then 'Paid on a closed link' else 'Paid after the link lapsed' end, body,
    coalesce('/admin/leads/' || pay.lead_id, '/admin/payments'));
end
$$;
comment on function private.note_payment_on_closed_link(public.payments, boolean) is
  'A payment just became paid on a link that no longer took payment (p_closed: expired, e.g. because the '
  'payer paid another link; else begun after expires_at): when the payer had already paid the batch in '
  'full, private.note_paid_twice; else a timeline note and a payment_on_closed_link notice to each admin '
  'saying what happened and what to do (check the seat, refund if it should not stand).';

create function private.began_after_lapse(pay public.payments, p_raw jsonb, p_payment_id text) returns boolean
language plpgsql stable set search_path = '' as $$
declare
  -- PhonePe's mandated status checks give a pending payment 20 minutes to settle (shared/providers.md 5A):
  -- confirmed within that of the lapse, a payment of unknown start may have begun in time.
  grace constant interval := interval '20 minutes';
  began timestamptz;
begin
  begin
    if pay.provider = 'phonepe' then  -- v2 order status: each attempt's start, epoch milliseconds
      select to_timestamp((d ->> 'timestamp')::numeric / 1000) into began
        from jsonb_array_elements(p_raw -> 'paymentDetails') d where d ->> 'transactionId' = p_payment_id;
    else  -- Instamojo: the request's payments, each with its own created_at
      select (d ->> 'created_at')::timestamptz into began
        from jsonb_array_elements(p_raw -> 'payments') d where d ->> 'id' = p_payment_id;
    end if;
  exception when data_exception then  -- not the shape we know (PhonePe v1 has no attempt time): unknown
    began := null;
  end;
  return coalesce(began > pay.expires_at, now() > pay.expires_at + grace);
end
$$;
comment on function private.began_after_lapse(public.payments, jsonb, text) is
  'Whether the attempt p_payment_id that paid `pay` (past its expires_at) began after the link lapsed: its '
  'start from the provider''s answer p_raw (PhonePe v2 paymentDetails[].timestamp, Instamojo payments[]'
  '.created_at); unknown, whether it was confirmed more than 20 minutes after the lapse (decision 0671).';

drop function private.convert_paid(public.payments, uuid);
create function private.convert_paid(pay public.payments, p_student uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  lead record;
  other public.payments;
  earlier uuid;
begin
  -- One statement: the payer's payments for the batch are read once, their waiting link messages and
  -- reminders cancelled, their other links that still take payment expired (returned for the loop), and
  -- their earliest other payment in full for the batch, if any, returned too (status paid or refund_pending).
  for other in
    with siblings as (
      select q.id, q.status, q.amount_paise, q.received_paise, q.paid_at from public.payments q
       where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id)
    ), cancelled as (
      update public.outbox o set status = 'cancelled', last_error = 'paid'
       where o.status in ('pending', 'paused') and o.cause_table = 'payments'
         and o.cause_id in (select s.id::text from siblings s)
         and (o.idempotency_key like 'fee_reminder:%' or o.idempotency_key like 'payment_link:%'
              or o.idempotency_key like 'create_payment_link:%')
    ), closed as (
      update public.payments q set status = 'expired', next_status_check_at = null
       where q.id in (select s.id from siblings s) and q.id <> pay.id
         and (q.status = 'created' or private.payable_after_failure(q, q.status::text))
      returning q.*
    )
    select c.* from closed c
    union all
    select q.* from public.payments q
     where q.id = (select s.id from siblings s
                    where s.id <> pay.id and s.status in ('paid', 'refund_pending') and s.received_paise >= s.amount_paise
                    order by s.paid_at limit 1)
  loop
    if other.status <> 'expired' then
      earlier := other.id;
      continue;
    end if;
    if other.provider = 'instamojo' and other.provider_order_id is not null then
      perform private.enqueue_payment_job(other, 'payments', 'disable_payment_link', 'disable_payment_link:' || other.id,
        jsonb_build_object('payment_id', other.id, 'provider', other.provider, 'provider_ref', other.provider_order_id),
        other.profile_id);
    end if;
    perform private.add_note(other.lead_id, other.profile_id,
      format('Payment link for %s expired: the batch is paid through another link (%s).',
             private.format_inr(other.amount_paise), private.format_inr(pay.amount_paise)));
  end loop;
  if p_student is not null and earlier is not null then
    -- The earlier payment bought the seat: this one gets its receipt, and the caller alerts the admins.
    perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                        jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
    return earlier;
  end if;
  if p_student is not null then
    perform private.enroll_paid_student(pay.id, p_student);
    return null;
  end if;
  -- No account yet: as for a first payment, the invitation's commit seats the student (a no-op when the
  -- earlier payment's did) and queues this payment's receipt.
  select l.full_name, l.email into lead from public.leads l where l.id = pay.lead_id;
  if lead.email is null then
    perform private.add_note(pay.lead_id, null,
      format('Paid %s. No student account yet: add the payer''s email address to this lead, and the '
             'invitation and enrollment follow.', private.format_inr(pay.amount_paise)));
    perform private.notify_admins('payment_needs_email', 'Paid, but no email address',
      format('%s paid %s; add their email address so they get a student account.',
             coalesce(nullif(lead.full_name, ''), 'A payer'), private.format_inr(pay.amount_paise)),
      '/admin/leads/' || pay.lead_id);
    return earlier;
  end if;
  perform private.enqueue_payment_job(pay, 'auth', 'invite_user', 'invite_user:' || pay.id,
    jsonb_build_object('payment_id', pay.id, 'email', lead.email, 'full_name', lead.full_name), null);
  perform private.add_note(pay.lead_id, null,
                           format('Paid %s; inviting the new student to sign in.', private.format_inr(pay.amount_paise)));
  return earlier;
end
$$;
comment on function private.convert_paid(public.payments, uuid) is
  'After a payment moved to paid (lead enrolled, receipt number and student set): the payer''s other links '
  'for the batch that still take payment expire (an Instamojo one is disabled there through the outbox), '
  'their waiting link messages and all fee reminders stop, and the student is seated now or, with no '
  'account yet (p_student null), once Auth''s invitation (outbox) made one. A lead without an email '
  'address gets a note and an admin notice instead; adding the email resumes the conversion '
  '(private.resume_paid_conversion). Returns the payer''s earlier payment in full for the batch, if any: '
  'then, with an account, this payment only gets its receipt (no second seat or welcome).';

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
  earlier uuid;
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
         -- The attempt that paid names the payment (refunds, receipts), not an earlier one that failed.
         provider_payment_id = case when p_status = 'paid' then coalesce(p_payment_id, provider_payment_id)
                                    else coalesce(provider_payment_id, p_payment_id) end,
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
    earlier := private.convert_paid(pay, student);
  elsif short then  -- short of this link's price, but the batch may be paid already: then it is paid twice
    earlier := private.paid_in_full_before(pay);
    if earlier is null then
      perform private.note_short_payment(pay);
    end if;
  elsif p_status = 'failed' then
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Payment of %s failed (%s); %s', private.format_inr(pay.amount_paise), pay.failure_reason,
             private.after_failure_note(pay)));
  end if;
  if earlier is not null then
    perform private.note_paid_twice(pay, earlier, was = 'expired');
  elsif p_status = 'paid' and (was = 'expired' or pay.expires_at <= now()) then
    -- Past expires_at alone is no alarm: an attempt begun in time may settle after the lapse.
    if was = 'expired' or private.began_after_lapse(pay, p_raw, p_payment_id) then
      perform private.note_payment_on_closed_link(pay, was = 'expired');
    end if;
  end if;
  return p_status;
end
$$;
comment on function private.apply_payment_state(public.payment_provider, text, text, bigint, text, text, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid (p_amount_paise, the confirmed amount, at least what was asked) enrolls '
  'the lead, numbers the receipt and converts (private.convert_paid); a second payment in full for a batch '
  'the payer already paid gets its receipt, no second seat, and the admins are told (private.note_paid_twice); '
  'paid for less is paid short (private.note_short_payment, no enrollment); paid on a link that had been '
  'closed, or by an attempt begun after the link lapsed (private.began_after_lapse), is applied the same way '
  'and the admins are told (private.note_payment_on_closed_link); failed notes it (an Instamojo link that '
  'has not lapsed stays on reconciliation''s schedule: the payer may pay on it yet); refunded goes to '
  'private.settle_refund. '
  'Returns the new status, or null when the report changed nothing. Marks webhook event p_event_id '
  'processed in the same transaction. Raises P0002 for an unknown payment, 22004 for paid without an amount.';

revoke execute on all functions in schema private from public;
