-- A payer is one person: a lead and the student it became (decision 0665), found as
-- private.payment_student finds the student (the payment's profile, the lead's converted_profile_id, or
-- the student account with the lead's email) and back (decision 0684). The functions that gather a payer's
-- payments matched only the row's own lead_id or profile_id, so a lead's link and the student's link for
-- one batch were two payers: paying one left the other open (not disabled at Instamojo, still reminded),
-- the newest-link and settled checks of private.payment_link_state saw only one of them, and a student
-- already enrolled who came back as a lead with the same email was not recognised as enrolled.

-- SQL without `set` clauses, so the caller's query inlines it (no function call or executor of its own);
-- every name is schema-qualified.
create function private.payer_leads(p_lead uuid, p_student uuid) returns table (id uuid)
language sql stable as $$
  select p_lead where p_lead is not null
  union all
  select l.id from public.leads l where l.converted_profile_id = p_student and l.id is distinct from p_lead
  union all
  select l.id from public.profiles p join public.leads l on l.email operator(extensions.=) p.email
   where p.id = p_student and p.role = 'student' and l.converted_profile_id is null
     and l.id is distinct from p_lead
$$;
comment on function private.payer_leads(uuid, uuid) is
  'The leads that are one person with lead p_lead and student p_student (private.payment_student of the '
  'payment or link): p_lead, the leads converted to p_student, and the unconverted lead with p_student''s '
  'email. A payer''s payments are those of these leads and of p_student.';
revoke execute on function private.payer_leads(uuid, uuid) from public;

-- The newest link, settled and enrolled checks see the whole person.
create or replace function private.payment_link_state(p_link uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  asked public.payments;
  root public.payments;
  latest public.payments;
  settled public.payments;
  lead_status public.lead_status;
  batch public.batches;
  margin constant interval := interval '2 minutes';  -- an order closer to lapsing than this is renewed
  student uuid;
  shown jsonb;
begin
  select * into asked from public.payments where id = p_link;
  if not found then
    return null;
  end if;
  student := private.payment_student(asked);
  -- The payer's newest link for the batch, the lead's or the student's: a link the admin replaced leads to
  -- its replacement.
  select * into root from public.payments n
   where n.renews is null and n.batch_id = asked.batch_id
     and (n.lead_id = any (array(select w.id from private.payer_leads(asked.lead_id, student) w))
          or n.profile_id in (asked.profile_id, student))
   order by n.created_at desc, n.id desc limit 1;
  if root.id is null then  -- `asked` is a renewal whose first payment was deleted
    root := asked;
  end if;
  select * into batch from public.batches b where b.id = root.batch_id;
  select * into latest from public.payments m
   where m.id = root.id or m.renews = root.id order by m.created_at desc, m.id desc limit 1;
  shown := jsonb_build_object('link', root.id, 'amount_paise', root.amount_paise, 'currency', root.currency,
    'batch', batch.name, 'course', (select c.title from public.courses c where c.id = batch.course_id),
    'center', (select jsonb_build_object('name', cs.name, 'phone', cs.contact_phone, 'website', cs.website_url)
                 from public.center_settings cs));

  -- Settled: the payer paid the batch in full on any link, or this link took a payment (even short of the
  -- fee: a link for the balance is a newer link, decision 0668). Refunded: this link's payment was.
  select * into settled from public.payments q
   where q.batch_id = root.batch_id
     and (q.lead_id = any (array(select w.id from private.payer_leads(asked.lead_id, student) w))
          or q.profile_id in (asked.profile_id, student))
     and q.status in ('paid', 'refund_pending')
     and (q.received_paise >= q.amount_paise or q.id = root.id or q.renews = root.id)
   order by q.paid_at desc limit 1;
  if settled.id is not null then
    return shown || jsonb_build_object('state', 'settled', 'payment', settled.id);
  end if;
  if root.link_closed_at is not null then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'closed');
  end if;
  if exists (select 1 from public.payments q where (q.id = root.id or q.renews = root.id) and q.status = 'refunded') then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'refunded');
  end if;
  if exists (select 1 from public.enrollments e
              where e.batch_id = root.batch_id and e.status in ('active', 'completed')
                and e.student_id = student) then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'enrolled');
  end if;
  select l.status into lead_status from public.leads l where l.id = root.lead_id;
  if lead_status = 'lost' then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'withdrawn');
  end if;
  if batch.status in ('completed', 'cancelled') then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'batch_' || batch.status);
  end if;

  if latest.status = 'pending' then
    return shown || jsonb_build_object('state', 'in_progress', 'payment', latest.id);
  end if;
  if latest.payment_url is not null
     and (latest.status = 'created' and (latest.expires_at is null or latest.expires_at > now() + margin)
          or private.payable_after_failure(latest, latest.status::text)) then
    return shown || jsonb_build_object('state', 'checkout', 'payment', latest.id, 'url', latest.payment_url);
  end if;
  if latest.status = 'created' and latest.payment_url is null and latest.created_at > now() - interval '1 minute' then
    return shown || jsonb_build_object('state', 'preparing', 'payment', latest.id);
  end if;
  if latest.status = 'created' and latest.provider_order_id is not null then
    -- Lapsing or lapsed with no attempt we know of: the provider is asked before a new order is made.
    return shown || jsonb_build_object('state', 'lapsed', 'payment', latest.id, 'provider', latest.provider,
                                       'order', latest.provider_order_id);
  end if;
  return shown || jsonb_build_object('state', 'renew', 'payment', latest.id);
end
$$;
comment on function private.payment_link_state(uuid) is
  'What the payment link /pay/<id> does now (jsonb: link, state, payment, url, reason, amount_paise, '
  'currency, batch, course, center). state: checkout (go to url), settled (paid: show payment), in_progress (an '
  'attempt under way: show payment), preparing (an order is being made), lapsed (ask the provider about '
  'order, then renew), renew (make a new order), closed (reason: closed by an admin, refunded, enrolled, '
  'withdrawn, batch_completed, batch_cancelled). Any payment of the link, or an older link of the payer (the lead and the '
  'student it became, private.payer_leads) for the batch, leads to the newest link.';

create or replace function private.paid_in_full_before(pay public.payments) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  student uuid := private.payment_student(pay);
begin
  return (select q.id from public.payments q
           where q.batch_id = pay.batch_id
             and (q.lead_id = any (array(select w.id from private.payer_leads(pay.lead_id, student) w))
                  or q.profile_id in (pay.profile_id, student))
             and q.id <> pay.id and q.status in ('paid', 'refund_pending') and q.received_paise >= q.amount_paise
           order by q.paid_at
           limit 1);
end
$$;
comment on function private.paid_in_full_before(public.payments) is
  'The payer''s (the lead and the student it became, private.payer_leads) earliest other payment in full '
  'for pay''s batch (paid, or a refund of it in flight), if any. private.convert_paid applies the same rule '
  'inside the statement that already reads the payer''s payments.';

-- The siblings step: the payer's other links close whichever of the person they were made for. The seat
-- (private.seat_paid_student, 20261122019200) finds a payment in full confirmed concurrently (decision 0690).
create or replace function private.convert_paid(pay public.payments, p_student uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  lead record;
  other public.payments;
  earlier uuid;
begin
  -- One statement: the payer's payments for the batch (the lead and the student it became, decision 0684)
  -- are read once, their waiting link messages and
  -- reminders cancelled, their other links that still take payment expired (returned for the loop), and
  -- their earliest other payment in full for the batch, if any, returned too (status paid or refund_pending).
  for other in
    with siblings as (
      select q.id, q.status, q.amount_paise, q.received_paise, q.paid_at from public.payments q
       where q.batch_id = pay.batch_id
         and (q.lead_id = any (array(select w.id from private.payer_leads(pay.lead_id, p_student) w))
              or q.profile_id in (pay.profile_id, p_student))
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
