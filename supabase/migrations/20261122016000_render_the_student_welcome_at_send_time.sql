-- The paid student's welcome is rendered by the worker at send time, like the lead's welcome
-- (private.enqueue_form_welcome): the conversion queues its two messages with the facts they need
-- (private.welcome_details) under "render" (decision 0661). The service no longer reads the details when it
-- records a webhook, renders Jinja inside the webhook, or sends the rendered messages back; the account the
-- welcome is for is the one found under the payment's lock, so a welcome can no longer be rendered for
-- another account (CB001 is gone). A seat's timeline rows (the note, last, so that the conversation's
-- preview is "Paid ₹X → enrolled in <batch>", and the welcome's) are one statement, and its outbox rows
-- (the welcome's and the receipt job) another.

create function private.enqueue_seat_messages(
  pay public.payments, p_student uuid, p_conversation uuid, p_note text
) returns void
language plpgsql set search_path = '' as $$
declare
  facts jsonb := private.welcome_details(pay.id, p_student) || jsonb_build_object('message', 'student_welcome');
begin
  with wanted as (
    select w.channel, w.position, gen_random_uuid() as crm_id,
           format('student_welcome:%s:%s:%s', w.channel, p_student, pay.batch_id) as key
      from (values ('email', 1), ('whatsapp', 2)) w (channel, position)
     where case w.channel when 'email' then facts ->> 'email' else facts ->> 'phone' end is not null
  ), fresh as (
    -- A scalar subquery probes outbox_idempotency_key_key once per message (see 20261122013100).
    select * from wanted w where (select o.id from public.outbox o where o.idempotency_key = w.key) is null
  ), timeline as (
    insert into public.crm_messages (id, conversation_id, channel, direction, body, template, status)
    select t.id, p_conversation, t.channel::public.message_channel, 'outbound', t.body, t.template,
           t.status::public.message_status
      from (select f.crm_id as id, f.channel, null::text as body, 'student_welcome' as template,
                   'queued' as status, f.position
              from fresh f
            union all
            select gen_random_uuid(), 'note', p_note, null, 'sent', 3) t
     order by t.position
  )
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                             cause_table, cause_id, crm_message_id)
  select f.channel::public.outbox_channel, 'send', f.key,
         case f.channel
           when 'email' then jsonb_build_object('to_email', facts ->> 'email', 'to_name', facts ->> 'full_name',
                                                'categories', '[]'::jsonb, 'attachments', '[]'::jsonb)
           else jsonb_build_object('phone', facts ->> 'phone', 'name', facts ->> 'full_name')
         end || jsonb_build_object('render', facts),
         pay.lead_id, p_student, 'payments', pay.id::text, f.crm_id
    from fresh f
  union all
  select 'payments', 'send_receipt', 'send_receipt:' || pay.id,
         jsonb_build_object('payment_id', pay.id, 'student_id', p_student), pay.lead_id, p_student, 'payments',
         pay.id::text, null
  on conflict (idempotency_key) do nothing;
end
$$;
comment on function private.enqueue_seat_messages(public.payments, uuid, uuid, text) is
  'A seated student''s messages: note p_note on the timeline, queue the receipt job and the welcome '
  '(email, WhatsApp; each where the profile has the address, keys student_welcome:<channel>:<student>:'
  '<batch>), whose payloads carry private.welcome_details under "render" for the worker to render at send '
  'time. A key already queued is not queued again. Callers hold the payment''s row lock, so no other '
  'transaction queues the same keys.';

drop function private.convert_paid(public.payments, uuid, jsonb);
drop function private.enroll_paid_student(uuid, uuid, jsonb);
drop function private.enqueue_rendered(public.payments, uuid, jsonb, uuid);

create function private.enroll_paid_student(p_payment uuid, p_student uuid) returns boolean
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  batch_name text;
  conversation uuid;
  seated boolean := true;
begin
  select * into pay from public.payments where id = p_payment;
  select b.name into batch_name from public.batches b where b.id = pay.batch_id;
  if batch_name is null then
    raise exception 'payment % has no batch to enroll in', p_payment
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
  exception when check_violation then  -- the note, welcome and receipt above are undone with the seat
    seated := false;
    perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                        jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
    insert into public.enrollments (student_id, batch_id, status, payment_id)
    values (p_student, pay.batch_id, 'pending', pay.id)
    on conflict (student_id, batch_id) do update
       set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
     where public.enrollments.status in ('pending', 'cancelled');
    insert into public.notifications (user_id, type, title, body, link)
    select a.id, 'batch_full', 'Batch full',
           format('A paid student awaits a seat in %s; raise its capacity or move them.', batch_name),
           '/admin/batches/' || pay.batch_id
      from public.profiles a where a.role = 'admin';
    insert into public.crm_messages (conversation_id, channel, direction, body, status)
    values (conversation, 'note', 'outbound',
            format('Paid %s; %s is full, awaiting a seat', private.format_inr(pay.amount_paise), batch_name),
            'sent');
  end;
  return seated;
end
$$;
comment on function private.enroll_paid_student(uuid, uuid) is
  'Seat the paying student (a full batch leaves the enrollment pending and alerts the admins), keep the '
  'lead''s and parent''s contact on the profile, note it on the timeline, queue the welcome (only when '
  'seated; rendered at send time) and the receipt. The seat is taken last, so the batch''s row lock is '
  'held only to the commit. Idempotent.';

create function private.convert_paid(pay public.payments, p_student uuid) returns void
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
    raise exception 'payment %: the lead needs an email address to get a student account', pay.id
      using errcode = '23502';
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
  'made one.';

drop function private.apply_payment_state(public.payment_provider, text, text, text, text, jsonb, jsonb, text);
create function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_payment_id text,
  p_reason text, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  paid boolean := p_status = 'paid';
  student uuid;
begin
  if p_status = 'refunded' then  -- refunds have their own rules (20261122007200)
    return private.settle_refund(p_provider, p_order_ref, null, 'completed', null, p_raw, p_event_id);
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
         raw = p_raw, status_checked_at = now(),
         next_status_check_at = case when p_status in ('created', 'pending') then next_status_check_at end,
         receipt_number = case when paid then coalesce(receipt_number, private.next_receipt_number())
                               else receipt_number end,
         profile_id = case when paid then coalesce(profile_id, student) else profile_id end
   where id = pay.id
  returning * into pay;
  if paid then
    perform private.convert_paid(pay, student);
  elsif p_status = 'failed' then
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Payment of %s failed (%s); a new link can be sent.', private.format_inr(pay.amount_paise),
             pay.failure_reason));
  end if;
  return p_status;
end
$$;
comment on function private.apply_payment_state(public.payment_provider, text, text, text, text, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid enrolls the lead, numbers the receipt and converts (private.convert_paid), '
  'failed notes it, refunded goes to private.settle_refund. Returns the new status, or null when the '
  'report changed nothing. Marks webhook event p_event_id processed in the same transaction. Raises P0002 '
  'for an unknown payment.';

create or replace function private.record_payment_event(
  p_provider public.payment_provider, p_event_id text, p_kind text, p_headers jsonb, p_body text,
  p_payload jsonb, p_order_ref text, p_claimed text, p_credentials_stamp text default null
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  stored public.webhook_events;
  pay public.payments;
begin
  if p_credentials_stamp <> private.credentials_stamp() then
    return jsonb_build_object('outcome', 'stale');
  end if;
  insert into public.webhook_events (provider, event_id, event_type, signature_verified, headers, raw_body, payload)
  values (p_provider::text, p_event_id, p_kind, true, p_headers, p_body, p_payload)
  on conflict (provider, event_id) do nothing;
  if not found then
    select * into stored from public.webhook_events e
     where e.provider = p_provider::text and e.event_id = p_event_id;
    if stored.processed_at is not null then
      return jsonb_build_object('outcome', 'duplicate');
    end if;
    -- Stored within the minute and not yet tried: another request is acting on it now. If that one
    -- dies, the payment reconciliation tick confirms the payment (payment events are not swept).
    if stored.attempts = 0 and stored.received_at > now() - interval '1 minute' then
      return jsonb_build_object('outcome', 'in_progress');
    end if;
  end if;
  select * into pay from public.payments p where p.provider = p_provider and p.provider_order_id = p_order_ref;
  if found and private.payment_status_rank(p_claimed) <= private.payment_status_rank(pay.status::text) then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
    return jsonb_build_object('outcome', 'settled', 'status', pay.status);
  end if;
  return jsonb_build_object('outcome', 'open', 'status', pay.status);
end
$$;
comment on function private.record_payment_event(public.payment_provider, text, text, jsonb, text, jsonb, text, text, text) is
  'Store a verified payment webhook once. Answers stale (p_credentials_stamp, the stamp of the '
  'credentials the webhook was verified with, is no longer current: nothing written), duplicate '
  '(processed before), in_progress (a copy stored within the minute is being acted on), settled (the '
  'payment is already at or past what the event claims: marked processed, no provider call needed) or '
  'open (confirm with the provider).';

revoke execute on all functions in schema private from public;
