-- Teaching live: sessions, host links, attendance, reminders, feedback, recordings and views.
begin;
select plan(7 * 25 + 8);
select tests.build_world();

select tests.rls_matrix('public.sessions', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    'A',    'A',    '-'],
  ['instructor_b',    'B',    'B',    'B',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
-- A start URL makes its holder the meeting's host: never for students.
select tests.rls_matrix('public.session_host_links', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.attendance', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    'A',    'A',    'A'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.reminders', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.session_feedback', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    'A',    'A',    '-'],
  ['student_b',       'B',    'B',    'B',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
-- H is batch A's recording not yet released to students.
select tests.rls_matrix('public.recordings', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'AH',   'AH',   'AH',   'AH'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'ABH',  'ABH',  'ABH',  'ABH']
]);
select tests.rls_matrix('public.recording_views', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    'A',    'A',    '-'],
  ['student_b',       'B',    'B',    'B',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);

select results_eq(
  $$ select attendee_count, expected_count from public.sessions where title = 'Session A' $$,
  $$ values (1, 1) $$,
  'a completed session knows who came and how many were expected');

select tests.authenticate_as('instructor_a');
select throws_ok(
  $$ insert into public.sessions (batch_id, title, starts_at, duration_minutes)
     select id, 'Sneaky', now(), 30 from public.batches where name = 'Batch B' $$,
  '42501', null, 'an instructor cannot schedule a session in another instructor''s batch');
select throws_ok(
  $$ update public.sessions set attendee_count = 40 $$,
  '42501', null, 'attendance counters are kept by the database, not typed in');
select tests.authenticate_as('student_a');
select throws_ok(
  $$ insert into public.recording_views (recording_id, student_id)
     values (tests.fixture_id('public.recordings', 'H'), auth.uid()) $$,
  '42501', null, 'a student cannot log a view of a hidden recording');
select throws_ok(
  $$ update public.session_feedback set student_id = tests.get_supabase_uid('student_b') where student_id = auth.uid() $$,
  '42501', null, 'a student cannot pass their feedback off as another student''s');
select tests.authenticate_as('instructor_a');
select throws_ok(
  $$ update public.sessions set batch_id = tests.fixture_id('public.batches', 'B')
      where id = tests.fixture_id('public.sessions', 'A') $$,
  '42501', null, 'an instructor cannot move their session into another instructor''s batch');
select tests.clear_authentication();

-- Attending 75% of a batch moves the converted lead to the "attended" stage.
update public.leads set converted_profile_id = tests.get_supabase_uid('student_a'), status = 'enrolled'
 where full_name = 'Lead L';
insert into public.sessions (batch_id, title, starts_at, duration_minutes, status)
select id, 'Session A2', now() - interval '1 day', 60, 'completed' from public.batches where name = 'Batch A';
select is((select funnel_stage from public.leads where full_name = 'Lead L'), 3::smallint,
  'attending one of two sessions is not enough');
insert into public.attendance (session_id, student_id)
select id, tests.get_supabase_uid('student_a') from public.sessions where title = 'Session A2';
select is((select funnel_stage from public.leads where full_name = 'Lead L'), 4::smallint,
  'attending both moves the converted lead to the attended stage');

select * from finish();
rollback;
