-- The dashboards' RPCs: admin-only KPIs, activity and funnel (42501 for everyone else), and a
-- student's progress, which only they, their instructor or an admin may read.
begin;
select plan(24);
select tests.build_world();

-- Refusals.
select tests.authenticate_as_anon();
select throws_ok($$ select public.get_admin_stats() $$, '42501', null, 'anon cannot read the dashboard');
select throws_ok($$ select public.get_student_progress() $$, '42501', null, 'anon has no progress');
select tests.authenticate_as('student_a');
select throws_ok($$ select public.get_admin_stats() $$, '42501', 'only an admin can read the dashboard',
  'a student cannot read the dashboard');
select throws_ok($$ select * from public.get_recent_activity(5) $$, '42501', null,
  'a student cannot read recent activity');
select tests.authenticate_as('instructor_a');
select throws_ok($$ select * from public.get_funnel(current_date - 30, current_date) $$, '42501', null,
  'an instructor cannot read the funnel');

-- KPIs of the world: one lead, two payments, one completed session attended by its one student,
-- two ungraded submissions, two open tickets; all today or in the last days.
select tests.authenticate_as('admin');
create temporary table stats on commit drop as select public.get_admin_stats() as s;
select results_eq(
  $$ select (s #>> '{new_leads,value}')::int, (s #>> '{conversions,value}')::int,
            (s #>> '{revenue_paise,value}')::bigint, (s #>> '{attendance_rate,value}')::numeric,
            (s #>> '{active_students,value}')::int, (s #>> '{pending_submissions,value}')::int,
            (s #>> '{open_tickets,value}')::int, (s #>> '{conversion_rate,value}')::numeric
       from stats $$,
  $$ values (1, 2, 999800::bigint, 100.0, 1, 2, 2, 200.0) $$,
  'the KPIs count the last 7 days');
select is((select jsonb_array_length(s -> 'new_leads' -> 'daily') from stats), 7, 'each KPI has 7 daily values');
select is((select (s #>> '{new_leads,previous}')::int from stats), 0, 'and the week before for comparison');

select ok((select count(*) = 5 from public.get_recent_activity(5)), 'recent activity honours its limit');
select results_eq(
  $$ select kind, title from public.get_recent_activity(100) where kind in ('lead_created', 'payment_received')
      order by kind, title $$,
  $$ values ('lead_created', 'Lead L'), ('payment_received', 'Student_A'), ('payment_received', 'Student_B') $$,
  'recent activity names who did what');

select results_eq(
  $$ select source::text, leads, contacted, paid  -- the range is in the center's days (Asia/Kolkata)
       from public.get_funnel((now() at time zone 'Asia/Kolkata')::date - 30, (now() at time zone 'Asia/Kolkata')::date) $$,
  $$ values ('form', 0::bigint, 0::bigint, 0::bigint), ('import', 1, 0, 0), ('manual', 0, 0, 0),
            ('whatsapp', 0, 0, 0), ('call', 0, 0, 0) $$,
  'the funnel lists every source with the leads created in the range');
select throws_ok($$ select * from public.get_funnel(current_date, current_date - 1) $$, '22023', null,
  'a reversed range is refused');

-- The funnel's days are the center's; changing its zone recounts them.
select tests.clear_authentication();
insert into public.leads (full_name, email, source, created_at, status)
values ('Night owl', 'owl@test.local', 'form', '2026-01-01 20:00+00', 'contacted');
select tests.authenticate_as('admin');
select is((select contacted from public.get_funnel('2026-01-02', '2026-01-02') where source = 'form'), 1::bigint,
  '20:00 UTC on 1 January is 2 January in India');
update public.center_settings set timezone = 'America/Los_Angeles';
select is((select contacted from public.get_funnel('2026-01-01', '2026-01-01') where source = 'form'), 1::bigint,
  'and 1 January once the center moves to Los Angeles');
select tests.clear_authentication();
select is(private.recompute_lead_stages(), 0::bigint, 'the triggers left no lead behind its proven stage');
select is_empty(
  $$ select day, source, stage, sum(leads) from private.lead_funnel_daily group by 1, 2, 3 having sum(leads) <> 0
     except
     select (l.created_at at time zone private.center_timezone())::date, l.source, s.stage, count(*)
       from public.leads l cross join lateral generate_series(0, l.funnel_stage) s(stage) group by 1, 2, 3 $$,
  'the funnel rollup agrees with the leads');
select set_eq(
  $$ select day, student_id from private.student_activity_days $$,
  $$ select distinct (s.starts_at at time zone private.center_timezone())::date, a.student_id
       from public.attendance a join public.sessions s on s.id = a.session_id $$,
  'student activity agrees with attendance, in the center''s new zone too');

-- Progress.
select tests.authenticate_as('student_a');
select results_eq(
  $$ select batch_name, sessions_total, sessions_held, sessions_attended, attendance_percent, assignments_total,
            assignments_submitted, exams -> 0 ->> 'title', (exams -> 0 ->> 'passed')::boolean, progress_percent
       from public.get_student_progress() $$,
  $$ values ('Batch A', 1, 1, 1, 100.0, 1, 1, 'Exam A', true, 100.0) $$,
  'a student''s progress counts attended sessions, published assignments done and exams passed');
select throws_ok($$ select * from public.get_student_progress(tests.get_supabase_uid('student_b')) $$, '42501', null,
  'a student cannot read another student''s progress');
select tests.authenticate_as('instructor_a');
select is((select count(*)::int from public.get_student_progress(tests.get_supabase_uid('student_a'))), 1,
  'an instructor reads their student''s progress');
select throws_ok($$ select * from public.get_student_progress(tests.get_supabase_uid('student_b')) $$, '42501', null,
  'but not another instructor''s student''s');
select tests.authenticate_as('admin');
select is((select batch_name from public.get_student_progress(tests.get_supabase_uid('student_b'))), 'Batch B',
  'an admin reads anyone''s progress');
select is_empty($$ select * from public.get_student_progress() $$, 'an admin without enrollments has no progress');

select tests.clear_authentication();
delete from public.attendance where id = tests.fixture_id('public.attendance', 'A');
select is_empty($$ select 1 from private.student_activity_days where student_id = tests.get_supabase_uid('student_a') $$,
  'removing a student''s only attendance of a day removes that day');

select * from finish();
rollback;
