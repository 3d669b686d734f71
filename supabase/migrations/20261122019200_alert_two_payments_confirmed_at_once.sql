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
-- payment confirmed later. The ordinary conversion sends no extra statement and takes no extra lock. It
-- passes its locked row, so the seat no longer reads the payment again: private.convert_paid calls
-- private.seat_paid_student as redefined in 20261122020400 (written once there, with the payer's leads of
-- decision 0684, rather than here and again there).

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

revoke execute on all functions in schema private from public;
