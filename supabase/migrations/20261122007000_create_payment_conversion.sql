-- Payment conversion in one round trip: the locked, exactly-once state change of a confirmed payment
-- (payment paid, lead enrolled, student seated within capacity, timeline notes, outbox rows for the
-- welcome, the Auth invitation and the receipt), and the recording of a payment webhook that answers
-- a duplicate of an already-settled payment without a provider call. The service renders message
-- templates (Jinja) and passes them in; everything else is decided here, under the payment's row lock.

create or replace function private.format_inr(p_paise bigint) returns text
language sql immutable set search_path = '' as $$
  select '₹' || case when length(r) <= 3 then r
                     else regexp_replace(left(r, -3), '(\d)(?=(\d\d)+$)', '\1,', 'g') || ',' || right(r, 3)
                end || '.' || lpad((p_paise % 100)::text, 2, '0')
    from (select (p_paise / 100)::text as r) whole
$$;
comment on function private.format_inr(bigint) is
  'Paise as rupees with Indian digit grouping, as the timeline shows them: 1250000 → ₹12,500.00.';

create or replace function private.payment_status_rank(p_status text) returns integer
language sql immutable set search_path = '' as $$
  select array_position(array['created', 'pending', 'failed', 'paid', 'refund_pending', 'refunded'],
                        case when p_status = 'expired' then 'failed' else p_status end)
$$;
comment on function private.payment_status_rank(text) is
  'Order of payment states: a report moves a payment only to a higher rank (a lapsed link counts as '
  'failed, so a late payment still lands); the same rule as moves_forward in the service.';

create or replace function private.conversation_for(p_lead uuid, p_profile uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  found_id uuid;
begin
  select c.id into found_id from public.conversations c
   where c.lead_id = p_lead or c.profile_id = p_profile
   order by (c.profile_id = p_profile) desc nulls last limit 1;
  if found_id is null then
    insert into public.conversations (lead_id, profile_id) values (p_lead, p_profile) on conflict do nothing;
    select c.id into found_id from public.conversations c
     where c.lead_id = p_lead or c.profile_id = p_profile
     order by (c.profile_id = p_profile) desc nulls last limit 1;
  end if;
  return found_id;
end
$$;
comment on function private.conversation_for(uuid, uuid) is
  'The contact''s CRM conversation (the student''s own one wins), started if it has none.';

create or replace function private.add_note(p_lead uuid, p_profile uuid, p_body text) returns void
language sql set search_path = '' as $$
  insert into public.crm_messages (conversation_id, channel, direction, body, status)
  values (private.conversation_for(p_lead, p_profile), 'note', 'outbound', p_body, 'sent')
$$;

create or replace function private.enqueue_payment_job(
  p_payment public.payments, p_channel public.outbox_channel, p_operation text, p_key text,
  p_payload jsonb, p_profile uuid
) returns void
language sql set search_path = '' as $$
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                             cause_table, cause_id)
  values (p_channel, p_operation, p_key, p_payload, p_payment.lead_id, p_profile, 'payments',
          p_payment.id::text)
  on conflict (idempotency_key) do nothing
$$;
comment on function private.enqueue_payment_job(public.payments, public.outbox_channel, text, text, jsonb, uuid) is
  'An outbox request caused by a payment (invite, receipt), once per idempotency key.';

create or replace function private.enqueue_rendered(
  p_payment public.payments, p_profile uuid, p_messages jsonb
) returns void
language plpgsql set search_path = '' as $$
declare
  message jsonb;
  outbox_id uuid;
  message_id uuid;
begin
  for message in select * from jsonb_array_elements(coalesce(p_messages, '[]')) loop
    insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                               cause_table, cause_id)
    values ((message ->> 'channel')::public.outbox_channel, message ->> 'operation',
            message ->> 'idempotency_key', message -> 'payload', p_payment.lead_id, p_profile,
            'payments', p_payment.id::text)
    on conflict (idempotency_key) do nothing
    returning id into outbox_id;
    continue when outbox_id is null;
    insert into public.crm_messages (conversation_id, channel, direction, subject, body, template, status)
    values (private.conversation_for(p_payment.lead_id, p_profile),
            (message ->> 'channel')::public.message_channel, 'outbound', message ->> 'subject',
            message ->> 'body', message ->> 'template', 'queued')
    returning id into message_id;
    update public.outbox set crm_message_id = message_id where id = outbox_id;
  end loop;
end
$$;
comment on function private.enqueue_rendered(public.payments, uuid, jsonb) is
  'Rendered messages (channel, operation, idempotency_key, payload, template, subject, body) as outbox '
  'rows with their queued timeline rows; a repeated key writes nothing.';

create or replace function private.payment_student(p_payment public.payments) returns uuid
language sql stable set search_path = '' as $$
  select p.id from public.profiles p
   where p.id = p_payment.profile_id
      or p.id = (select l.converted_profile_id from public.leads l where l.id = p_payment.lead_id)
      or (p.role = 'student' and p.email = (select l.email from public.leads l where l.id = p_payment.lead_id))
   order by p.id = p_payment.profile_id desc nulls last
   limit 1
$$;
comment on function private.payment_student(public.payments) is
  'The account a paying lead enrolls with: the payment''s profile, the lead''s converted profile, or a '
  'student with the lead''s email; null when the payer has no account yet.';

create or replace function private.welcome_details(p_payment uuid, p_student uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('student_id', p_student) || coalesce((
    select to_jsonb(d) from (
      select pr.full_name, pr.email, coalesce(pr.phone, l.phone) as phone, c.title as course_name, b.name as batch_name, b.starts_on,
             b.weekly_pattern, b.timezone, cs.name as center_name, cs.website_url, cs.contact_phone,
             cs.gstin, cs.timezone as center_timezone, s.starts_at as first_starts_at,
             s.join_url as first_join_url, cs.website_url || '/login' as login_url,
             pay.id as payment_id, pay.lead_id, pay.batch_id, pay.amount_paise, pay.currency
        from public.payments pay
        join public.profiles pr on pr.id = p_student
        join public.batches b on b.id = pay.batch_id
        join public.courses c on c.id = b.course_id
        left join public.leads l on l.id = pay.lead_id
        cross join public.center_settings cs
        left join lateral (
          select starts_at, join_url from public.sessions
           where batch_id = b.id and status <> 'cancelled' order by starts_at limit 1
        ) s on true
       where pay.id = p_payment) d), '{}')
$$;
comment on function private.welcome_details(uuid, uuid) is
  'What the service needs to render a paying student''s welcome (email and WhatsApp; the phone as '
  'enroll_paid_student leaves it: the profile''s, else the lead''s); only student_id when there is no '
  'student or no batch.';

create or replace function private.enroll_paid_student(p_payment uuid, p_student uuid, p_welcome jsonb)
returns boolean
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  batch_name text;
  seated boolean := true;
begin
  select * into pay from public.payments where id = p_payment;
  select b.name into batch_name from public.batches b where b.id = pay.batch_id;
  if batch_name is null then
    raise exception 'payment % has no batch to enroll in', p_payment
      using errcode = '23502', hint = 'Set the payment''s batch.';
  end if;
  if pay.lead_id is not null then
    with lead as (
      update public.leads set converted_profile_id = coalesce(converted_profile_id, p_student)
       where id = pay.lead_id returning phone, parent_name, parent_phone, parent_email
    )
    update public.profiles p
       set phone = coalesce(p.phone, lead.phone), parent_name = coalesce(p.parent_name, lead.parent_name),
           parent_phone = coalesce(p.parent_phone, lead.parent_phone),
           parent_email = coalesce(p.parent_email, lead.parent_email)
      from lead where p.id = p_student;
  end if;
  begin
    insert into public.enrollments (student_id, batch_id, status, payment_id)
    values (p_student, pay.batch_id, 'active', pay.id)
    on conflict (student_id, batch_id) do update
       set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
     where public.enrollments.status in ('pending', 'cancelled');
  exception when check_violation then
    seated := false;
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
  end;
  if seated then
    perform private.add_note(pay.lead_id, p_student,
                             format('Paid %s → enrolled in %s', private.format_inr(pay.amount_paise), batch_name));
    perform private.enqueue_rendered(pay, p_student, p_welcome -> 'messages');
  else
    perform private.add_note(pay.lead_id, p_student, format('Paid %s; %s is full, awaiting a seat',
                                                            private.format_inr(pay.amount_paise), batch_name));
  end if;
  perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                      jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
  return seated;
end
$$;
comment on function private.enroll_paid_student(uuid, uuid, jsonb) is
  'Seat the paying student (a full batch leaves the enrollment pending and alerts the admins), keep the '
  'lead''s and parent''s contact on the profile, note it on the timeline, enqueue the rendered welcome '
  '(p_welcome.messages, only when seated) and the receipt. Idempotent.';

create or replace function private.convert_paid(pay public.payments, p_welcome jsonb) returns void
language plpgsql set search_path = '' as $$
declare
  student uuid := private.payment_student(pay);
  lead record;
begin
  if (p_welcome ->> 'student_id') is distinct from student::text then
    raise exception 'the welcome was rendered for another account' using errcode = 'CB001',
      hint = 'Render the welcome for the account private.payment_student finds, then retry.';
  end if;
  if pay.lead_id is not null then
    update public.leads set status = 'enrolled' where id = pay.lead_id;
  end if;
  update public.outbox set status = 'cancelled', last_error = 'paid'
   where status in ('pending', 'paused') and idempotency_key like 'fee_reminder:%' and cause_table = 'payments'
     and cause_id in (select q.id::text from public.payments q
                       where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id));
  update public.payments set receipt_number = private.next_receipt_number()
   where id = pay.id and receipt_number is null;
  if student is not null then
    perform private.enroll_paid_student(pay.id, student, p_welcome);
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
comment on function private.convert_paid(public.payments, jsonb) is
  'A payment just confirmed paid: the lead is enrolled, fee reminders stop, a receipt number is assigned, '
  'and the student is seated now or, with no account yet, once Auth''s invitation (outbox) made one. '
  'Raises CB001 when p_welcome was rendered for another account than the one found under the lock.';

create or replace function private.refund_paid(pay public.payments) returns void
language plpgsql set search_path = '' as $$
declare
  cancel boolean := (select s.cancel_enrollment_on_refund from public.automation_settings s limit 1);
begin
  if cancel then
    update public.enrollments set status = 'cancelled', cancel_reason = 'refunded'
     where payment_id = pay.id and status in ('pending', 'active');
  end if;
  perform private.add_note(pay.lead_id, pay.profile_id,
    format('Refunded %s; %s', private.format_inr(pay.refunded_paise),
           case when cancel then 'enrollment cancelled' else 'enrollment kept' end));
end
$$;

create or replace function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_payment_id text,
  p_reason text, p_raw jsonb, p_welcome jsonb default null, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  moved boolean;
begin
  if p_status = 'refunded' then  -- refunds have their own rules (20261122007200)
    return private.settle_refund(p_provider, p_order_ref, null, 'completed', null, p_raw, p_event_id);
  end if;
  select * into pay from public.payments p where p.provider = p_provider and p.provider_order_id = p_order_ref
     for update;
  if not found then
    raise exception 'no % payment with reference %', p_provider, p_order_ref using errcode = 'P0002';
  end if;
  moved := private.payment_status_rank(p_status) > private.payment_status_rank(pay.status::text);
  if moved then
    update public.payments
       set status = p_status::public.payment_status,
           provider_payment_id = coalesce(provider_payment_id, p_payment_id),
           failure_reason = case when p_status = 'failed' then coalesce(p_reason, 'declined') else failure_reason end,
           raw = p_raw, status_checked_at = now(),
           next_status_check_at = case when p_status in ('created', 'pending') then next_status_check_at end
     where id = pay.id
    returning * into pay;
  else
    update public.payments set status_checked_at = now() where id = pay.id;
  end if;
  if p_event_id is not null then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
  end if;
  if not moved then
    return null;
  end if;
  if p_status = 'paid' then
    perform private.convert_paid(pay, p_welcome);
  elsif p_status = 'failed' then
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Payment of %s failed (%s); a new link can be sent.', private.format_inr(pay.amount_paise),
             pay.failure_reason));
  end if;
  return p_status;
end
$$;
comment on function private.apply_payment_state(public.payment_provider, text, text, text, text, jsonb, jsonb, text) is
  'Store a provider-confirmed state of the payment found by (provider, order reference) and act on it '
  'once, under its row lock: paid converts the lead, failed notes it, refunded goes to '
  'private.settle_refund. Returns the new status, or null when the report '
  'changed nothing. Marks webhook event p_event_id processed in the same transaction. Raises P0002 for an '
  'unknown payment and CB001 (see convert_paid).';

create or replace function private.record_payment_event(
  p_provider public.payment_provider, p_event_id text, p_kind text, p_headers jsonb, p_body text,
  p_payload jsonb, p_order_ref text, p_claimed text
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  done boolean;
  pay public.payments;
begin
  insert into public.webhook_events (provider, event_id, event_type, signature_verified, headers, raw_body, payload)
  values (p_provider::text, p_event_id, p_kind, true, p_headers, p_body, p_payload)
  on conflict (provider, event_id) do nothing;
  if not found then
    select e.processed_at is not null into done from public.webhook_events e
     where e.provider = p_provider::text and e.event_id = p_event_id;
    if done then
      return jsonb_build_object('outcome', 'duplicate');
    end if;
  end if;
  select * into pay from public.payments p where p.provider = p_provider and p.provider_order_id = p_order_ref;
  if found and private.payment_status_rank(p_claimed) <= private.payment_status_rank(pay.status::text) then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
    return jsonb_build_object('outcome', 'settled', 'status', pay.status);
  end if;
  return jsonb_build_object('outcome', 'open', 'status', pay.status, 'welcome',
    case when found and p_claimed = 'paid' then private.welcome_details(pay.id, private.payment_student(pay)) end);
end
$$;
comment on function private.record_payment_event(public.payment_provider, text, text, jsonb, text, jsonb, text, text) is
  'Store a verified payment webhook once. Answers duplicate (processed before), settled (the payment is '
  'already at or past what the event claims: marked processed, no provider call needed) or open (confirm '
  'with the provider; for a claimed payment, the welcome details of the paying account come along).';

revoke execute on all functions in schema private from public;
