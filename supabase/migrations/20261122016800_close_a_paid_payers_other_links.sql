-- A payer who pays one link for a batch could still pay its other links for that batch: a double charge.
-- The conversion now closes them: each other link of the payer (the lead or the student) for the batch that
-- still takes payment without an attempt under way (created, or an Instamojo link whose attempt failed and
-- that has not lapsed) is expired, with a note on the timeline; an Instamojo one that was made is also
-- disabled at Instamojo through the outbox (payments/disable_payment_link), since its page would take
-- payment otherwise. A link being paid right now (pending) is left to settle: reconciliation still follows
-- it, and expiring it would stop that. The outbox rows still waiting for these links (the link not yet made
-- at the provider, its message, its fee reminders) are cancelled along with the fee reminders.
-- The payer's payments for the batch are read once, in the statement that already cancelled fee reminders,
-- so a conversion sends no more statements than before.

create or replace function private.convert_paid(pay public.payments, p_student uuid) returns void
language plpgsql set search_path = '' as $$
declare
  lead record;
  other public.payments;
begin
  -- One statement: the payer's payments for the batch are read once, their waiting link messages and
  -- reminders cancelled, and their other links that still take payment expired (returned for the loop).
  for other in
    with siblings as (
      select q.id from public.payments q
       where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id)
    ), cancelled as (
      update public.outbox o set status = 'cancelled', last_error = 'paid'
       where o.status in ('pending', 'paused') and o.cause_table = 'payments'
         and o.cause_id in (select s.id::text from siblings s)
         and (o.idempotency_key like 'fee_reminder:%' or o.idempotency_key like 'payment_link:%'
              or o.idempotency_key like 'create_payment_link:%')
    )
    update public.payments q set status = 'expired', next_status_check_at = null
     where q.id in (select s.id from siblings s) and q.id <> pay.id
       and (q.status = 'created' or private.payable_after_failure(q, q.status::text))
    returning q.*
  loop
    if other.provider = 'instamojo' and other.provider_order_id is not null then
      perform private.enqueue_payment_job(other, 'payments', 'disable_payment_link', 'disable_payment_link:' || other.id,
        jsonb_build_object('payment_id', other.id, 'provider', other.provider, 'provider_ref', other.provider_order_id),
        other.profile_id);
    end if;
    perform private.add_note(other.lead_id, other.profile_id,
      format('Payment link for %s expired: the batch is paid through another link (%s).',
             private.format_inr(other.amount_paise), private.format_inr(pay.amount_paise)));
  end loop;
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
  'After a payment moved to paid (lead enrolled, receipt number and student set): the payer''s other links '
  'for the batch that still take payment expire (an Instamojo one is disabled there through the outbox), '
  'their waiting link messages and all fee reminders stop, and the student is seated now or, with no '
  'account yet (p_student null), once Auth''s invitation (outbox) made one. A lead without an email '
  'address gets a note and an admin notice instead; adding the email resumes the conversion '
  '(private.resume_paid_conversion).';

revoke execute on all functions in schema private from public;
