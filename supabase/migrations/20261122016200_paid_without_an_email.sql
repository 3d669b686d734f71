-- A payer with a phone and no email address (a lead from WhatsApp) could pay, but private.convert_paid
-- raised "the lead needs an email address": the error undid the whole confirmed state, so the payment
-- never became paid, the webhook failed and reconciliation stopped at it on every tick. Now the payment is
-- paid and converted as far as it can be: the timeline and the admins are told to add the email, and
-- adding it to the lead (leads_resume_paid_conversion) starts the invitation and the enrollment.
-- New links already refuse such a lead (automation.workflows.payment_links).

create or replace function private.convert_paid(pay public.payments, p_student uuid) returns void
language plpgsql set search_path = '' as $$
declare
  lead record;
begin
  update public.outbox set status = 'cancelled', last_error = 'paid'
   where status in ('pending', 'paused') and idempotency_key like 'fee_reminder:%' and cause_table = 'payments'
     and cause_id in (select q.id::text from public.payments q
                       where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id));
  if p_student is not null then
    perform private.enroll_paid_student(pay.id, p_student);
    return;
  end if;
  select l.full_name, l.email into lead from public.leads l where l.id = pay.lead_id;
  if lead.email is null then
    perform private.add_note(pay.lead_id, null,
      format('Paid %s. No student account yet: add the payer''s email address to this lead, and the '
             'invitation and enrollment follow.', private.format_inr(pay.amount_paise)));
    insert into public.notifications (user_id, type, title, body, link)
    select a.id, 'payment_needs_email', 'Paid, but no email address',
           format('%s paid %s; add their email address so they get a student account.',
                  coalesce(nullif(lead.full_name, ''), 'A payer'), private.format_inr(pay.amount_paise)),
           '/admin/leads/' || pay.lead_id
      from public.profiles a where a.role = 'admin';
    return;
  end if;
  perform private.enqueue_payment_job(pay, 'auth', 'invite_user', 'invite_user:' || pay.id,
    jsonb_build_object('payment_id', pay.id, 'email', lead.email, 'full_name', lead.full_name), null);
  perform private.add_note(pay.lead_id, null,
                           format('Paid %s; inviting the new student to sign in.', private.format_inr(pay.amount_paise)));
end
$$;
comment on function private.convert_paid(public.payments, uuid) is
  'After a payment moved to paid (lead enrolled, receipt number and student set): fee reminders stop, and '
  'the student is seated now or, with no account yet (p_student null), once Auth''s invitation (outbox) '
  'made one. A lead without an email address gets a note and an admin notice instead; adding the email '
  'resumes the conversion (private.resume_paid_conversion).';

create function private.resume_paid_conversion() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  pay public.payments;
begin
  for pay in
    select p.* from public.payments p
     where p.lead_id = new.id and p.status = 'paid'
       and not exists (select from public.enrollments e where e.payment_id = p.id)
       and not exists (select from public.outbox o where o.idempotency_key = 'invite_user:' || p.id)
     order by p.paid_at
       for update
  loop
    perform private.convert_paid(pay, private.payment_student(pay));
  end loop;
  return null;
end
$$;
comment on function private.resume_paid_conversion() is
  'A lead just got an email address: each of its paid payments that made no student yet is converted '
  'now (the student found by that email is enrolled, else invited).';
create trigger leads_resume_paid_conversion after update of email on public.leads
  for each row when (old.email is null and new.email is not null)
  execute function private.resume_paid_conversion();

revoke execute on all functions in schema private from public;
