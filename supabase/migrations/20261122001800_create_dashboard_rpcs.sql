-- The dashboards' database API: admin KPIs, recent activity, the funnel, and a student's progress.
-- Each reads indexes, counters kept by triggers (sessions.attendee_count / expected_count) or the
-- lead funnel rollup, never a scan of a big table; bench/data_model.py times them at scale. JIT is
-- off for them: compiling costs tens of milliseconds and these queries touch few rows.

create or replace function private.percent(part numeric, whole numeric) returns numeric
language sql immutable set search_path = '' as $$
  select case when whole > 0 then round(100.0 * part / whole, 1) end
$$;

create or replace function private.kpi(value numeric, previous numeric, daily jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('value', value, 'previous', previous, 'daily', coalesce(daily, '[]'))
$$;
comment on function private.kpi(numeric, numeric, jsonb) is
  'One KPI card: the last 7 days'' value, the 7 days before, and [{day, value}] for the last 7 days.';

create or replace function private.active_students(today date) returns jsonb
language sql stable set search_path = '' as $$
  with present as materialized (
    select d.day, d.student_id from private.student_activity_days d where d.day between today - 13 and today
  ), daily as (
    select p.day, count(*) as value from present p where p.day > today - 7 group by 1
  )
  select private.kpi(
    (select count(*) from (select distinct p.student_id from present p where p.day > today - 7) r),
    (select count(*) from (select distinct p.student_id from present p where p.day <= today - 7) r),
    (select jsonb_agg(jsonb_build_object('day', today - back, 'value', coalesce(d.value, 0)) order by back desc)
       from generate_series(0, 6) as back left join daily d on d.day = today - back))
$$;
comment on function private.active_students(date) is
  'The active_students KPI: distinct students present at a session in each 7-day window and on each day.';

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
    select (p.paid_at at time zone zone)::date as day, count(*) as n, sum(p.amount_paise - p.refunded_paise) as paise
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
  'zone): new_leads, conversions (payments received), conversion_rate, revenue_paise (net of refunds, '
  'center currency), attendance_rate, active_students (distinct students at a session); '
  'pending_submissions and open_tickets are current counts with daily new ones. 42501 unless admin.';

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
            jsonb_build_object('amount_paise', p.amount_paise, 'currency', p.currency, 'provider', p.provider),
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
  'kind. 42501 unless admin.';

create or replace function public.get_funnel(from_day date, to_day date)
returns table (source public.lead_source, leads bigint, contacted bigint, interested bigint, paid bigint,
               attended bigint, certified bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_admin('read the funnel');
  if from_day is null or to_day is null or to_day < from_day then
    raise exception 'the funnel needs from_day <= to_day' using errcode = '22023',
      hint = 'Both are dates in the center''s time zone, both included.';
  end if;
  return query
    select s.source, coalesce(sum(f.leads) filter (where f.stage = 0), 0)::bigint,
           coalesce(sum(f.leads) filter (where f.stage = 1), 0)::bigint,
           coalesce(sum(f.leads) filter (where f.stage = 2), 0)::bigint,
           coalesce(sum(f.leads) filter (where f.stage = 3), 0)::bigint,
           coalesce(sum(f.leads) filter (where f.stage = 4), 0)::bigint,
           coalesce(sum(f.leads) filter (where f.stage = 5), 0)::bigint
      from unnest(enum_range(null::public.lead_source)) as s(source)
      left join private.lead_funnel_daily f on f.source = s.source and f.day between from_day and to_day
     group by s.source
     order by s.source;
end
$$;
comment on function public.get_funnel(date, date) is
  'Leads created between from_day and to_day (center zone, inclusive), by source, and how many of '
  'them reached each later stage: contacted, interested, paid, attended 75% of a batch, certified.';

create or replace function public.get_student_progress(student uuid default null)
returns table (enrollment_id uuid, batch_id uuid, batch_name text, course_title text,
               enrollment_status public.enrollment_status, sessions_total integer, sessions_held integer,
               sessions_attended integer, attendance_percent numeric, assignments_total integer,
               assignments_submitted integer, average_score_percent numeric, exams jsonb,
               progress_percent numeric)
language plpgsql stable security definer set search_path = ''
set jit = off as $$
declare
  who uuid := coalesce(student, auth.uid());
begin
  if auth.uid() is null then
    raise exception 'sign in to see progress' using errcode = '42501';
  end if;
  if who <> auth.uid() and not private.is_admin() and who not in (select private.taught_student_ids()) then
    raise exception 'you can see your own progress and, as an instructor, your students''' using errcode = '42501';
  end if;
  return query
    select e.id, b.id, b.name, c.title, e.status,
           st.total::integer, st.held::integer, st.attended::integer, private.percent(st.attended, st.held),
           hw.total::integer, hw.submitted::integer, round(hw.average, 1), coalesce(ex.items, '[]'),
           private.percent(st.attended + hw.submitted + ex.passed, st.total + hw.total + ex.total)
      from public.enrollments e
      join public.batches b on b.id = e.batch_id
      join public.courses c on c.id = b.course_id
      cross join lateral (
        select count(*) as total, count(*) filter (where s.status = 'completed' or s.starts_at < now()) as held,
               count(a.id) as attended
          from public.sessions s
          left join public.attendance a on a.session_id = s.id and a.student_id = e.student_id
         where s.batch_id = e.batch_id and s.status <> 'cancelled') st
      cross join lateral (
        select count(*) as total, count(x.id) as submitted, avg(100.0 * x.score / a.max_score) as average
          from public.assignments a
          left join public.assignment_submissions x on x.assignment_id = a.id and x.student_id = e.student_id
         where a.batch_id = e.batch_id and a.published) hw
      cross join lateral (
        select count(*) as total, count(*) filter (where r.passed) as passed,
               jsonb_agg(jsonb_build_object('exam_id', x.id, 'title', x.title, 'attempts', r.attempts,
                                            'best_percent', r.best, 'passed', coalesce(r.passed, false))
                         order by x.opens_at nulls last, x.title) as items
          from public.exams x
          cross join lateral (
            select count(*) as attempts, max(t.percent) as best, bool_or(t.passed) as passed
              from public.exam_attempts t where t.exam_id = x.id and t.student_id = e.student_id) r
         where x.batch_id = e.batch_id and x.published) ex
     where e.student_id = who and e.status in ('active', 'completed')
       and (who = auth.uid() or private.is_admin() or e.batch_id in (select private.taught_batch_ids()))
     order by b.starts_on desc;
end
$$;
comment on function public.get_student_progress(uuid) is
  'Per active or completed enrollment of the student (default: the caller): sessions attended of '
  'those held, assignments submitted and their average score, exams (attempts, best percent, '
  'passed), and progress_percent = attended sessions + submitted assignments + passed exams over all '
  'of them. Others may ask only as an admin or as the student''s instructor (their batches only).';

revoke execute on function public.get_admin_stats() from public, anon;
revoke execute on function public.get_recent_activity(integer) from public, anon;
revoke execute on function public.get_funnel(date, date) from public, anon;
revoke execute on function public.get_student_progress(uuid) from public, anon;
grant execute on function public.get_admin_stats() to authenticated;
grant execute on function public.get_recent_activity(integer) to authenticated;
grant execute on function public.get_funnel(date, date) to authenticated;
grant execute on function public.get_student_progress(uuid) to authenticated;

revoke execute on all functions in schema private from public;
