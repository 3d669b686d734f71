-- A leaner payment conversion (decision 0630). The rules of 20261122007000 stand; what changes is how
-- many rows a conversion writes and how long it holds the batch's row lock:
-- - the payment is updated once (status, receipt number and student together) instead of three times,
--   and the lead once (status and account) instead of three times: the lead is enrolled before the
--   payment moves, so the payment's own trigger finds no funnel stage left to raise;
-- - the profile takes the lead's contact only when it has a gap the lead fills;
-- - the welcome's timeline and outbox rows are two statements, in one conversation looked up once;
-- - the seat is taken last: the batch row stays locked (capacity) only from then to the commit;
-- - a duplicate of an event that is still being acted on is answered without a provider call;
-- - a webhook checks that the credentials it was verified with are current in the statement that
--   records it (given their stamp), instead of in a statement of its own;
-- - the helpers on the way are PL/pgSQL, whose plans are kept (SQL ones are planned on every call);
-- - leads are indexed by converted_profile_id (the payment's funnel trigger looks them up by it).

-- PL/pgSQL instead of SQL for the helpers every conversion calls: a SQL function with a SET clause is
-- never inlined, and PostgreSQL 15 plans its statements again on every call; PL/pgSQL keeps its plans for
-- the session. Bodies unchanged.
create or replace function private.format_inr(p_paise bigint) returns text
language plpgsql immutable set search_path = '' as $$
declare
  r text := (p_paise / 100)::text;
begin
  return '₹' || case when length(r) <= 3 then r
                     else regexp_replace(left(r, -3), '(\d)(?=(\d\d)+$)', '\1,', 'g') || ',' || right(r, 3)
                end || '.' || lpad((p_paise % 100)::text, 2, '0');
end
$$;

create or replace function private.payment_status_rank(p_status text) returns integer
language plpgsql immutable set search_path = '' as $$
begin
  return array_position(array['created', 'pending', 'failed', 'paid', 'refund_pending', 'refunded'],
                        case when p_status = 'expired' then 'failed' else p_status end);
end
$$;

create or replace function private.next_receipt_number() returns text
language plpgsql volatile security definer set search_path = '' as $$
begin
  return 'RCT-' || to_char(now() at time zone private.center_timezone(), 'YYYY') || '-'
         || lpad(nextval('private.receipt_numbers')::text, 6, '0');
end
$$;

create or replace function private.add_note(p_lead uuid, p_profile uuid, p_body text) returns void
language plpgsql set search_path = '' as $$
begin
  insert into public.crm_messages (conversation_id, channel, direction, body, status)
  values (private.conversation_for(p_lead, p_profile), 'note', 'outbound', p_body, 'sent');
end
$$;

create or replace function private.enqueue_payment_job(
  p_payment public.payments, p_channel public.outbox_channel, p_operation text, p_key text,
  p_payload jsonb, p_profile uuid
) returns void
language plpgsql set search_path = '' as $$
begin
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                             cause_table, cause_id)
  values (p_channel, p_operation, p_key, p_payload, p_payment.lead_id, p_profile, 'payments',
          p_payment.id::text)
  on conflict (idempotency_key) do nothing;
end
$$;

create or replace function private.welcome_details(p_payment uuid, p_student uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return jsonb_build_object('student_id', p_student) || coalesce((
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
       where pay.id = p_payment) d), '{}');
end
$$;

create or replace function private.payment_student(p_payment public.payments) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  found_id uuid;
  lead record;
begin
  select p.id into found_id from public.profiles p where p.id = p_payment.profile_id;
  if found_id is not null then
    return found_id;
  end if;
  select l.converted_profile_id, l.email into lead from public.leads l where l.id = p_payment.lead_id;
  select p.id into found_id from public.profiles p where p.id = lead.converted_profile_id;
  if found_id is null and lead.email is not null then
    select p.id into found_id from public.profiles p
     where p.role = 'student' and p.email = lead.email order by p.created_at, p.id limit 1;
  end if;
  return found_id;
end
$$;
comment on function private.payment_student(public.payments) is
  'The account a paying lead enrolls with: the payment''s profile, else the lead''s converted profile, '
  'else the oldest student with the lead''s email (indexed lookups, in that order); null when the payer '
  'has no account yet.';

drop function private.enqueue_rendered(public.payments, uuid, jsonb);
create function private.enqueue_rendered(
  p_payment public.payments, p_profile uuid, p_messages jsonb, p_conversation uuid
) returns void
language plpgsql set search_path = '' as $$
begin
  with fresh as (
    select m.value as message, gen_random_uuid() as crm_id
      from jsonb_array_elements(coalesce(p_messages, '[]')) m
     where not exists (select from public.outbox o where o.idempotency_key = m.value ->> 'idempotency_key')
  ), timeline as (
    insert into public.crm_messages (id, conversation_id, channel, direction, subject, body, template, status)
    select f.crm_id, p_conversation, (f.message ->> 'channel')::public.message_channel, 'outbound',
           f.message ->> 'subject', f.message ->> 'body', f.message ->> 'template', 'queued'
      from fresh f
  )
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                             cause_table, cause_id, crm_message_id)
  select (f.message ->> 'channel')::public.outbox_channel, f.message ->> 'operation',
         f.message ->> 'idempotency_key', f.message -> 'payload', p_payment.lead_id, p_profile,
         'payments', p_payment.id::text, f.crm_id
    from fresh f
  on conflict (idempotency_key) do nothing;
end
$$;
comment on function private.enqueue_rendered(public.payments, uuid, jsonb, uuid) is
  'Rendered messages (channel, operation, idempotency_key, payload, template, subject, body) as outbox '
  'rows with their queued timeline rows in conversation p_conversation; a key already queued writes '
  'nothing. Callers hold the payment''s row lock, so no other transaction queues the same keys.';

create or replace function private.enroll_paid_student(p_payment uuid, p_student uuid, p_welcome jsonb)
returns boolean
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
  perform private.enqueue_payment_job(pay, 'payments', 'send_receipt', 'send_receipt:' || pay.id,
                                      jsonb_build_object('payment_id', pay.id, 'student_id', p_student), p_student);
  conversation := private.conversation_for(pay.lead_id, p_student);
  begin
    insert into public.crm_messages (conversation_id, channel, direction, body, status)
    values (conversation, 'note', 'outbound',
            format('Paid %s → enrolled in %s', private.format_inr(pay.amount_paise), batch_name), 'sent');
    perform private.enqueue_rendered(pay, p_student, p_welcome -> 'messages', conversation);
    -- Last: the seat locks the batch's row (capacity) until the commit.
    insert into public.enrollments (student_id, batch_id, status, payment_id)
    values (p_student, pay.batch_id, 'active', pay.id)
    on conflict (student_id, batch_id) do update
       set status = excluded.status, payment_id = excluded.payment_id, cancel_reason = null
     where public.enrollments.status in ('pending', 'cancelled');
  exception when check_violation then  -- the note and the welcome above are undone with the seat
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
    insert into public.crm_messages (conversation_id, channel, direction, body, status)
    values (conversation, 'note', 'outbound',
            format('Paid %s; %s is full, awaiting a seat', private.format_inr(pay.amount_paise), batch_name),
            'sent');
  end;
  return seated;
end
$$;
comment on function private.enroll_paid_student(uuid, uuid, jsonb) is
  'Seat the paying student (a full batch leaves the enrollment pending and alerts the admins), keep the '
  'lead''s and parent''s contact on the profile, note it on the timeline, enqueue the rendered welcome '
  '(p_welcome.messages, only when seated) and the receipt. The seat is taken last, so the batch''s row '
  'lock is held only to the commit. Idempotent.';

drop function private.convert_paid(public.payments, jsonb);
create function private.convert_paid(pay public.payments, p_student uuid, p_welcome jsonb) returns void
language plpgsql set search_path = '' as $$
declare
  lead record;
begin
  update public.outbox set status = 'cancelled', last_error = 'paid'
   where status in ('pending', 'paused') and idempotency_key like 'fee_reminder:%' and cause_table = 'payments'
     and cause_id in (select q.id::text from public.payments q
                       where q.batch_id = pay.batch_id and (q.lead_id = pay.lead_id or q.profile_id = pay.profile_id));
  if p_student is not null then
    perform private.enroll_paid_student(pay.id, p_student, p_welcome);
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
comment on function private.convert_paid(public.payments, uuid, jsonb) is
  'After a payment moved to paid (lead enrolled, receipt number and student set): fee reminders stop, and '
  'the student is seated now or, with no account yet (p_student null), once Auth''s invitation (outbox) '
  'made one.';

create or replace function private.apply_payment_state(
  p_provider public.payment_provider, p_order_ref text, p_status text, p_payment_id text,
  p_reason text, p_raw jsonb, p_welcome jsonb default null, p_event_id text default null
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
    if (p_welcome ->> 'student_id') is distinct from student::text then
      raise exception 'the welcome was rendered for another account' using errcode = 'CB001',
        hint = 'Render the welcome for the account private.payment_student finds, then retry.';
    end if;
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
    perform private.convert_paid(pay, student, p_welcome);
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
  'once, under its row lock: paid enrolls the lead, numbers the receipt and converts (private.convert_paid), '
  'failed notes it, refunded goes to private.settle_refund. Returns the new status, or null when the '
  'report changed nothing. Marks webhook event p_event_id processed in the same transaction. Raises P0002 '
  'for an unknown payment and CB001 when p_welcome was rendered for another account than the one found '
  'under the lock.';

create or replace function private.credentials_stamp() returns text
language plpgsql stable set search_path = '' as $$
begin
  return (select coalesce(string_agg(c.provider || '/' || c.name || '/' || md5(c.ciphertext), ','
                                     order by c.provider, c.name), '')
            from private.provider_credentials c);
end
$$;
comment on function private.credentials_stamp() is
  'Changes whenever a stored provider credential is written or removed (md5 of each ciphertext, no '
  'decryption); a process reopens the credentials when it differs from the one it opened.';

drop function private.record_payment_event(public.payment_provider, text, text, jsonb, text, jsonb, text, text);
create function private.record_payment_event(
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
  return jsonb_build_object('outcome', 'open', 'status', pay.status, 'welcome',
    case when found and p_claimed = 'paid' then private.welcome_details(pay.id, private.payment_student(pay)) end);
end
$$;
comment on function private.record_payment_event(public.payment_provider, text, text, jsonb, text, jsonb, text, text, text) is
  'Store a verified payment webhook once. Answers stale (p_credentials_stamp, the stamp of the '
  'credentials the webhook was verified with, is no longer current: nothing written), duplicate '
  '(processed before), in_progress (a copy stored within the minute is being acted on), settled (the '
  'payment is already at or past what the event claims: marked processed, no provider call needed) or '
  'open (confirm with the provider; for a claimed payment, the welcome details of the paying account '
  'come along).';

-- private.advance_lead (the payment's trigger) looks leads up by id or converted_profile_id; without this
-- index that OR is a scan of every lead on each paid payment.
create index if not exists leads_converted_profile_idx on public.leads (converted_profile_id)
  where converted_profile_id is not null;

revoke execute on all functions in schema private from public;
