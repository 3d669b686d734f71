-- A payment paid short (decision 0665: confirmed_paise < amount_paise) was held and did not enroll, yet
-- it still counted as paid at its full amount: in the dashboard's revenue and conversions, in the funnel's
-- "paid" stage, on a lead's email being added (the conversion resumed and enrolled the payer) and as the
-- refund ceiling (a full refund asked the provider for more than it took, and a refund of everything it
-- took left the payment "paid"). Money received is now one column, received_paise, and every total and
-- refund reads it; a payment counts as a conversion only when it received what it asked (decision 0668).

alter table public.payments
  add column received_paise bigint generated always as
    (case when paid_at is not null then coalesce(confirmed_paise, amount_paise) end) stored;
comment on column public.payments.received_paise is
  'Money the payment took: what the provider confirmed (confirmed_paise; amount_paise for payments paid '
  'before it was kept), null until paid. Below amount_paise: paid short. Totals and refunds use this.';

alter table public.payments drop constraint payments_check,
  add constraint payments_refunds_within_received
    check (refunded_paise >= 0 and refunded_paise <= coalesce(confirmed_paise, amount_paise));

drop index public.payments_paid_at_idx;
create index payments_paid_at_idx on public.payments (paid_at)
  include (amount_paise, received_paise, refunded_paise, currency) where paid_at is not null;

-- The funnel: only a payment that received what it asked makes its payer "paid".
drop trigger payments_advance_lead on public.payments;
create trigger payments_advance_lead after insert or update of status on public.payments
  for each row when (new.status = 'paid' and new.received_paise >= new.amount_paise)
  execute function private.advance_lead_on_payment();

create or replace function private.recompute_lead_stages() returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  changed bigint;
begin
  with session_totals as (
    select s.batch_id, count(*) as total from public.sessions s where s.status <> 'cancelled' group by 1
  ), presence as (
    select a.student_id, s.batch_id, count(*) as present
      from public.attendance a join public.sessions s on s.id = a.session_id
     where s.status <> 'cancelled'
     group by 1, 2
  ), paid_in_full as (
    select p.lead_id, p.profile_id from public.payments p
     where p.status in ('paid', 'refund_pending', 'refunded') and p.received_paise >= p.amount_paise
  ), proven as (
    select l.id, greatest(private.lead_status_stage(l.status),
                          case when l.last_contacted_at is not null then 1 else 0 end) as stage
      from public.leads l
    union all
    select p.lead_id, 3 from paid_in_full p where p.lead_id is not null
    union all
    select l.id, 3 from public.leads l join paid_in_full p on p.profile_id = l.converted_profile_id
    union all
    select l.id, 4 from public.leads l
      join presence pr on pr.student_id = l.converted_profile_id
      join session_totals t on t.batch_id = pr.batch_id
     where pr.present >= 0.75 * t.total
    union all
    select l.id, 5 from public.leads l join public.certificates c on c.student_id = l.converted_profile_id
     where c.status = 'issued'
  ), reached as (
    select id, max(stage) as stage from proven group by id
  )
  update public.leads l set funnel_stage = r.stage
    from reached r
   where r.id = l.id and r.stage > l.funnel_stage;
  get diagnostics changed = row_count;
  return changed;
end
$$;
comment on function private.recompute_lead_stages() is
  'Raises every lead''s funnel_stage to what its rows prove (a payment proves "paid" only when it received '
  'what it asked); returns how many changed. For repairs and for bulk loads made with triggers off '
  '(session_replication_role = replica).';

-- Adding a lead's email resumes only conversions of payments that received what they asked.
create or replace function private.resume_paid_conversion() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  pay public.payments;
begin
  for pay in
    select p.* from public.payments p
     where p.lead_id = new.id and p.status = 'paid' and p.received_paise >= p.amount_paise
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
  'A lead just got an email address: each of its payments paid in full that made no student yet is '
  'converted now (the student found by that email is enrolled, else invited). A payment paid short stays '
  'held.';

-- Refunds: at most what the payment received.
-- A refund's note says what it did to the seat, and that no seat was taken when the payment bought none.
create function private.seat_after_refund(pay public.payments, p_cancelled boolean) returns text
language plpgsql stable set search_path = '' as $$
begin
  if not exists (select 1 from public.enrollments e where e.payment_id = pay.id) then
    return 'no seat was taken with it';
  end if;
  return case when p_cancelled then 'enrollment cancelled' else 'enrollment kept' end;
end
$$;
comment on function private.seat_after_refund(public.payments, boolean) is
  'What a refund did to the seat the payment bought, as its timeline note says it.';

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
    format('Refunded %s; %s', private.format_inr(pay.refunded_paise), private.seat_after_refund(pay, cancel)));
end
$$;

create or replace function private.settle_refund(
  p_provider public.payment_provider, p_order_ref text, p_refund_ref text, p_status text,
  p_amount bigint, p_raw jsonb, p_event_id text default null
) returns text
language plpgsql set search_path = '' as $$
declare
  pay public.payments;
  ours boolean;
  refunded bigint;
  this_refund bigint;
begin
  select * into pay from public.payments p
   where p.provider = p_provider
     and (p.provider_order_id = p_order_ref or p.refund_reference = p_refund_ref
          or p.refund_provider_ref = p_refund_ref)
   order by p.provider_order_id = p_order_ref desc
   limit 1 for update;
  if not found then
    raise exception 'no % payment with reference %', p_provider, p_order_ref using errcode = 'P0002';
  end if;
  if p_event_id is not null then
    update public.webhook_events set attempts = attempts + 1, processed_at = now(), error = null
     where provider = p_provider::text and event_id = p_event_id;
  end if;
  ours := pay.status = 'refund_pending'
          and (p_refund_ref is null or p_refund_ref in (pay.refund_reference, pay.refund_provider_ref));
  if p_status = 'failed' and ours then
    update public.payments
       set status = 'paid', refund_reference = null, refund_provider_ref = null, refund_pending_paise = null,
           refund_reason = null, next_status_check_at = null, raw = raw || jsonb_build_object('refund', p_raw)
     where id = pay.id;
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Refund of %s failed at the provider; the payment stays paid.', private.format_inr(pay.refund_pending_paise)));
    return 'paid';
  end if;
  -- Completed: ours, or one made at the provider's dashboard on a payment we never refunded.
  if p_status <> 'completed' or not (ours or (pay.status = 'paid' and pay.refunded_paise = 0)) then
    return null;
  end if;
  refunded := least(pay.received_paise,
                    pay.refunded_paise + coalesce(p_amount, pay.refund_pending_paise, pay.received_paise));
  this_refund := refunded - pay.refunded_paise;
  update public.payments
     set status = case when refunded >= received_paise then 'refunded' else 'paid' end::public.payment_status,
         refunded_paise = refunded, refund_reference = null, refund_provider_ref = null,
         refund_pending_paise = null, refund_reason = null, next_status_check_at = null,
         raw = raw || jsonb_build_object('refund', p_raw)
   where id = pay.id
  returning * into pay;
  if pay.status = 'refunded' then
    perform private.refund_paid(pay);
  else
    perform private.add_note(pay.lead_id, pay.profile_id,
      format('Refunded %s of %s; %s', private.format_inr(this_refund), private.format_inr(pay.received_paise),
             private.seat_after_refund(pay, false)));
  end if;
  return pay.status::text;
end
$$;
comment on function private.settle_refund(public.payment_provider, text, text, text, bigint, jsonb, text) is
  'Apply a provider-confirmed refund outcome (completed or failed) once, under the payment''s row lock. '
  'Only the refund in flight (matched by our or the provider''s reference) or, on a payment never '
  'refunded, a refund made at the provider''s dashboard counts; anything else changes nothing (null). '
  'Refunds add up to at most what the payment received (received_paise); refunding all of it makes the '
  'payment refunded, which cancels the enrollment when automation_settings.cancel_enrollment_on_refund; a '
  'partial one keeps it. Returns the payment''s new status. Marks webhook event p_event_id processed.';

-- The dashboard: revenue is money received net of refunds; a conversion is a payment paid in full.
create or replace function public.get_admin_stats() returns jsonb
language plpgsql stable security definer set search_path = ''
set jit = off as $$
declare
  zone text := private.center_timezone();
  money public.currency_code := (select s.currency from public.center_settings s);
  today date := (now() at time zone zone)::date;
  since timestamptz := (today - 13)::timestamp at time zone zone;
  stats jsonb;
begin
  perform private.require_admin('read the dashboard');
  with days as (
    select today - back as day, back < 7 as recent from generate_series(0, 13) as back
  ), leads as (
    select f.day, sum(f.leads) as n from private.lead_funnel_daily f
     where f.day >= today - 13 and f.stage = 0 group by 1
  ), paid as (
    select (p.paid_at at time zone zone)::date as day, count(*) filter (where p.received_paise >= p.amount_paise) as n,
           sum(p.received_paise - p.refunded_paise) as paise
      from public.payments p where p.paid_at >= since and p.currency = money group by 1
  ), taught as (
    select (s.starts_at at time zone zone)::date as day, sum(s.attendee_count) as attended, sum(s.expected_count) as expected
      from public.sessions s where s.starts_at >= since and s.status = 'completed' group by 1
  ), submitted as (
    select (x.submitted_at at time zone zone)::date as day, count(*) as n
      from public.assignment_submissions x where x.submitted_at >= since group by 1
  ), opened as (
    select (t.created_at at time zone zone)::date as day, count(*) as n
      from public.support_tickets t where t.created_at >= since group by 1
  ), daily as (
    select d.day, d.recent, coalesce(l.n, 0) as new_leads, coalesce(p.n, 0) as conversions,
           coalesce(p.paise, 0) as revenue, coalesce(t.attended, 0) as attended, coalesce(t.expected, 0) as expected,
           coalesce(s.n, 0) as submissions, coalesce(o.n, 0) as tickets
      from days d
      left join leads l on l.day = d.day
      left join paid p on p.day = d.day
      left join taught t on t.day = d.day
      left join submitted s on s.day = d.day
      left join opened o on o.day = d.day
  )
  select jsonb_build_object(
           'as_of', now(), 'timezone', zone, 'currency', money,
           'new_leads', private.kpi(sum(new_leads) filter (where recent), sum(new_leads) filter (where not recent),
             jsonb_agg(jsonb_build_object('day', day, 'value', new_leads) order by day) filter (where recent)),
           'conversions', private.kpi(sum(conversions) filter (where recent), sum(conversions) filter (where not recent),
             jsonb_agg(jsonb_build_object('day', day, 'value', conversions) order by day) filter (where recent)),
           'conversion_rate', private.kpi(
             private.percent(sum(conversions) filter (where recent), sum(new_leads) filter (where recent)),
             private.percent(sum(conversions) filter (where not recent), sum(new_leads) filter (where not recent)),
             jsonb_agg(jsonb_build_object('day', day, 'value', private.percent(conversions, new_leads)) order by day)
               filter (where recent)),
           'revenue_paise', private.kpi(sum(revenue) filter (where recent), sum(revenue) filter (where not recent),
             jsonb_agg(jsonb_build_object('day', day, 'value', revenue) order by day) filter (where recent)),
           'attendance_rate', private.kpi(
             private.percent(sum(attended) filter (where recent), sum(expected) filter (where recent)),
             private.percent(sum(attended) filter (where not recent), sum(expected) filter (where not recent)),
             jsonb_agg(jsonb_build_object('day', day, 'value', private.percent(attended, expected)) order by day)
               filter (where recent)),
           'pending_submissions', private.kpi(
             (select count(*) from public.assignment_submissions x where x.score is null),
             null, jsonb_agg(jsonb_build_object('day', day, 'value', submissions) order by day) filter (where recent)),
           'open_tickets', private.kpi(
             (select count(*) from public.support_tickets t where t.status in ('open', 'pending')),
             null, jsonb_agg(jsonb_build_object('day', day, 'value', tickets) order by day) filter (where recent)))
    into stats
    from daily;
  return stats || jsonb_build_object('active_students', private.active_students(today));
end
$$;
comment on function public.get_admin_stats() is
  'Admin KPIs over the last 7 days against the 7 before, with daily values (days in the center''s '
  'zone): new_leads, conversions (payments that received what they asked; one paid short is not), '
  'conversion_rate, revenue_paise (money received, net of refunds, center currency), attendance_rate, '
  'active_students (distinct students at a session); pending_submissions and open_tickets are current '
  'counts with daily new ones. 42501 unless admin.';

-- Recent activity: a payment shows what it received.
create or replace function public.get_recent_activity(max_items integer default 20)
returns table (occurred_at timestamptz, kind text, title text, detail jsonb, entity_table text, entity_id uuid)
language plpgsql stable security definer set search_path = ''
set jit = off as $$
declare
  n integer := least(greatest(coalesce(max_items, 20), 1), 100);
begin
  perform private.require_admin('read recent activity');
  return query
  select feed.* from (
    (select l.created_at, 'lead_created', l.full_name, jsonb_build_object('source', l.source), 'leads', l.id
       from public.leads l order by l.created_at desc limit n)
    union all
    (select c.submitted_at, 'cta_submitted', l.full_name, jsonb_build_object('status', c.status), 'cta_submissions', c.id
       from public.cta_submissions c join public.leads l on l.id = c.lead_id order by c.submitted_at desc limit n)
    union all
    (select p.paid_at, 'payment_received', coalesce(pr.full_name, l.full_name),
            jsonb_build_object('amount_paise', p.received_paise, 'currency', p.currency, 'provider', p.provider),
            'payments', p.id
       from public.payments p
       left join public.profiles pr on pr.id = p.profile_id
       left join public.leads l on l.id = p.lead_id
      where p.paid_at is not null order by p.paid_at desc limit n)
    union all
    (select e.activated_at, 'enrollment_activated', pr.full_name, jsonb_build_object('batch', b.name), 'enrollments', e.id
       from public.enrollments e
       join public.profiles pr on pr.id = e.student_id
       join public.batches b on b.id = e.batch_id
      where e.activated_at is not null order by e.activated_at desc limit n)
    union all
    (select m.created_at, 'message_received', coalesce(pr.full_name, l.full_name),
            jsonb_build_object('channel', m.channel, 'party', m.party, 'preview', left(m.body, 140)),
            'crm_messages', m.id
       from public.crm_messages m
       join public.conversations c on c.id = m.conversation_id
       left join public.profiles pr on pr.id = c.profile_id
       left join public.leads l on l.id = c.lead_id
      where m.direction = 'inbound' order by m.created_at desc limit n)
    union all
    (select x.submitted_at, 'submission_received', pr.full_name, jsonb_build_object('assignment', a.title),
            'assignment_submissions', x.id
       from public.assignment_submissions x
       join public.profiles pr on pr.id = x.student_id
       join public.assignments a on a.id = x.assignment_id
      order by x.submitted_at desc limit n)
    union all
    (select t.created_at, 'ticket_opened', pr.full_name, jsonb_build_object('subject', t.subject), 'support_tickets', t.id
       from public.support_tickets t join public.profiles pr on pr.id = t.student_id
      order by t.created_at desc limit n)
    union all
    (select ce.issued_at, 'certificate_issued', pr.full_name, jsonb_build_object('course', co.title), 'certificates', ce.id
       from public.certificates ce
       join public.profiles pr on pr.id = ce.student_id
       join public.courses co on co.id = ce.course_id
      order by ce.issued_at desc limit n)
  ) as feed
  order by 1 desc
  limit n;
end
$$;
comment on function public.get_recent_activity(integer) is
  'The newest events across leads, CTA submissions, payments, enrollments, inbound messages, '
  'submissions, tickets and certificates (at most 100). title names the person; detail depends on '
  'kind (a payment''s amount_paise is what it received). 42501 unless admin.';


revoke execute on all functions in schema private from public;
