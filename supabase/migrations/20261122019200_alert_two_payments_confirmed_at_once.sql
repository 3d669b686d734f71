-- Two of a payer's links for one batch confirmed at the same moment, in concurrent transactions, were not
-- reported as a double payment (decision 0690). Each private.convert_paid read the payer's payments before
-- the other had committed, so neither found an earlier payment in full. The second then waited on the
-- first's uncommitted rows (conversation, welcome keys, enrollment). It queued nothing and took no seat, but
-- it still wrote "Paid ₹X → enrolled in <batch>" and timeline lines for a welcome that was never queued, and
-- no admin was told. A full batch was worse: the second took over the first's pending enrollment and sent a
-- second "batch full" notice.
--
-- Two transactions that did not serialize earlier on the lead's row meet at the seat: the upsert waits for
-- the first, then changes no row (the seat is active), or hits the full batch's check (the seat is pending).
-- Only then, the student's enrollment for the batch is read: if another payment in full holds it, the
-- block that wrote the note and welcome is undone, the payment gets its receipt, and private.convert_paid
-- returns that payment. private.apply_payment_state then calls private.note_paid_twice, as for a second
-- payment confirmed later. The ordinary conversion sends no extra statement and takes no extra lock. It now
-- passes its locked row, so the seat no longer reads the payment again.

create function private.seat_paid_by_another(pay public.payments, p_student uuid) returns uuid
language sql stable set search_path = '' as $$
  select q.id from public.enrollments e join public.payments q on q.id = e.payment_id
   where e.student_id = p_student and e.batch_id = pay.batch_id and q.id <> pay.id
     and q.status in ('paid', 'refund_pending') and q.received_paise >= q.amount_paise
$$;
comment on function private.seat_paid_by_another(public.payments, uuid) is
  'The payment in full (paid, or a refund of it in flight) other than pay whose enrollment of p_student in '
  'pay''s batch exists, if any. Read only when seating p_student did not go as for a first payment.';

create function private.seat_paid_student(
  pay public.payments, p_student uuid, out seated boolean, out earlier uuid
) language plpgsql set search_path = '' as $$
declare
  batch_name text := (select b.name from public.batches b where b.id = pay.batch_id);
  conversation uuid;
begin
  seated := true;
  if batch_name is null then
    raise exception 'payment % has no batch to enroll in', pay.id
      using errcode = '23502', hint = 'Set the payment''s batch.';
  end if;
  if exists (select from public.leads l where l.id = pay.lead_id and l.converted_profile_id is null) then
    update public.leads set converted_profile_id = p_student where id = pay.lead_id;
  end if;
  update public.profiles p
     set phone = coalesce(p.phone, l.phone), parent_name = coalesce(p.parent_name, l.parent_name),
         parent_phone = coalesce(p.parent_phone, l.parent_phone),
         parent_email = coalesce(p.parent_email, l.parent_email)
    from public.leads l
   where l.id = pay.lead_id and p.id = p_student
     and ((p.phone is null and l.phone is not null) or (p.parent_name is null and l.parent_name is not null)
          or (p.parent_phone is null and l.parent_phone is not null)
          or (p.parent_email is null and l.parent_email is not null));
  conversation := private.conversation_for(pay.lead_id, p_student);
  begin
    perform private.enqueue_seat_messages(pay, p_student, conversation,
      format('Paid %s → enrolled in %s', private.format_inr(pay.amount_paise), batch_name));
    -- Last: the seat locks the batch's row (capacity) until the commit.
    insert into public.enrollments (student_id, batch_id, status, payment_id)
    values (p_student, pay.batch_id, 'active', pay.id)
    on conflict (student_id, batch_id) do update
       set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
     where public.enrollments.status in ('pending', 'cancelled');
    if not found then  -- the student holds the seat already: bought by a payment confirmed at the same time?
      earlier := private.seat_paid_by_another(pay, p_student);
      if earlier is not null then
        raise exception 'paid twice' using errcode = 'CB002';  -- undoes the note and welcome above
      end if;
    end if;
  exception
    when sqlstate 'CB002' then
      perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                          jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
    when check_violation then  -- the note, welcome and receipt above are undone with the seat
      seated := false;
      perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                          jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
      earlier := private.seat_paid_by_another(pay, p_student);  -- awaiting a seat for another payment?
      if earlier is null then
        insert into public.enrollments (student_id, batch_id, status, payment_id)
        values (p_student, pay.batch_id, 'pending', pay.id)
        on conflict (student_id, batch_id) do update
           set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
         where public.enrollments.status in ('pending', 'cancelled');
        perform private.notify_admins('batch_full', 'Batch full',
          format('A paid student awaits a seat in %s; raise its capacity or move them.', batch_name),
          '/admin/batches/' || pay.batch_id);
        insert into public.crm_messages (conversation_id, channel, direction, body, status)
        values (conversation, 'note', 'outbound',
                format('Paid %s; %s is full, awaiting a seat', private.format_inr(pay.amount_paise), batch_name),
                'sent');
      end if;
  end;
end
$$;
comment on function private.seat_paid_student(public.payments, uuid) is
  'Seat the paying student (a full batch leaves the enrollment pending and alerts the admins), keep the '
  'lead''s and parent''s contact on the profile, note it on the timeline, queue the welcome (only when '
  'seated; rendered at send time) and the receipt. The seat is taken last, so the batch''s row lock is '
  'held only to the commit. When another payment in full of the student already holds the enrollment '
  '(confirmed in a concurrent transaction), only the receipt is queued and that payment is returned as '
  'earlier. seated: the student has an active seat. Idempotent.';

create or replace function private.enroll_paid_student(p_payment uuid, p_student uuid) returns boolean
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
begin
  select * into pay from public.payments where id = p_payment;
  return (private.seat_paid_student(pay, p_student)).seated;
end
$$;
comment on function private.enroll_paid_student(uuid, uuid) is
  'private.seat_paid_student for payment p_payment (the invitation''s commit); true when seated. '
  'A payment in full of the student that holds the seat was reported when this one was confirmed.';

create or replace function private.convert_paid(pay public.payments, p_student uuid) returns uuid
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
    -- A payment in full confirmed at the same time, unseen above, is found at the seat (decision 0690).
    select s.earlier into earlier from private.seat_paid_student(pay, p_student) s;
    return earlier;
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
  'their waiting link messages and all fee reminders stop, and the student is seated now '
  '(private.seat_paid_student) or, with no account yet (p_student null), once Auth''s invitation (outbox) '
  'made one. A lead without an email address gets a note and an admin notice instead; adding the email '
  'resumes the conversion (private.resume_paid_conversion). Returns the payer''s earlier payment in full '
  'for the batch, if any, also one confirmed in a concurrent transaction: then, with an account, this '
  'payment only gets its receipt (no second seat or welcome).';

revoke execute on all functions in schema private from public;
