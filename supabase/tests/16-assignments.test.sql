-- Assignments and submissions: students see published work of their batches and their own
-- submissions; grading is the instructor's, on the server's terms.
begin;
select plan(2 * 25 + 8);
select tests.build_world();

-- D is batch A's unpublished draft.
select tests.rls_matrix('public.assignments', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'AD',   'AD',   'AD',   'AD'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'ABD',  'ABD',  'ABD',  'ABD']
]);
select tests.rls_matrix('public.assignment_submissions', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    'A',    'A',    '-'],
  ['student_b',       'B',    'B',    'B',    '-'],
  ['instructor_a',    'A',    '-',    'A',    '-'],
  ['instructor_b',    'B',    '-',    'B',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);

select tests.authenticate_as('student_a');
select throws_ok(
  $$ update public.assignment_submissions set score = 100 where student_id = auth.uid() $$,
  '42501', null, 'a student cannot grade their own work');
select throws_ok(
  $$ insert into public.assignment_submissions (assignment_id, student_id, body)
     values (tests.fixture_id('public.assignments', 'D'), auth.uid(), 'early') $$,
  '42501', null, 'a student cannot submit to an unpublished assignment');
select throws_ok(
  $$ update public.assignment_submissions set assignment_id = tests.fixture_id('public.assignments', 'B')
      where student_id = auth.uid() $$,
  '42501', null, 'a student cannot move their submission to another batch''s assignment');
select tests.authenticate_as('instructor_a');
select throws_ok(
  $$ update public.assignment_submissions set score = 101 $$,
  '23514', 'score 101.00 is above the assignment''s maximum of 100', 'a score cannot exceed max_score');
update public.assignment_submissions set score = 88, feedback = 'Good structure';
select tests.clear_authentication();
select results_eq(
  $$ select score, graded_by = tests.get_supabase_uid('instructor_a'), graded_at is not null
       from public.assignment_submissions where id = tests.fixture_id('public.assignment_submissions', 'A') $$,
  $$ values (88.00, true, true) $$,
  'grading stamps who graded and when');
select tests.authenticate_as('student_a');
select throws_ok(
  $$ update public.assignment_submissions set body = 'better essay' where student_id = auth.uid() $$,
  '42501', 'this submission is already graded and can no longer be changed',
  'a student cannot change graded work');
select tests.clear_authentication();
select is(
  (select changes -> 'new' ->> 'score' from public.audit_logs
    where entity_table = 'assignment_submissions' and action = 'update'),
  '88.00', 'grades are in the audit log');
select tests.authenticate_as('student_b');
select is_empty(
  $$ select 1 from public.assignment_submissions where student_id <> auth.uid() $$,
  'student B sees no submission of anyone else');

select * from finish();
rollback;
