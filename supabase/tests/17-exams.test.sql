-- Exams: questions for students of opened exams, answer keys for staff only, grading on the server.
begin;
select plan(4 * 25 + 12);
select tests.build_world();

select tests.rls_matrix('public.exams', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    'A',    'A',    'A'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.exam_questions', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    'A',    'A',    'A'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.exam_answer_keys', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    'A',    'A',    'A',    'A'],
  ['instructor_b',    'B',    'B',    'B',    'B'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);
select tests.rls_matrix('public.exam_attempts', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);

select hasnt_column('public', 'exam_questions', 'correct_options',
  'the right answers are not a column of the questions students read');

-- Exam C of batch A: two questions, one with two right options.
insert into public.exams (id, batch_id, title, published, pass_percent, max_attempts)
select 'c0000000-0000-4000-8000-00000000000c', id, 'Exam C', true, 50, 2 from public.batches where name = 'Batch A';
insert into public.exam_questions (id, exam_id, position, prompt, options, marks, multiple_answers) values
  ('c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-00000000000c', 1, 'Pick the vowels',
   array['a', 'b', 'e'], 3, true),
  ('c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-00000000000c', 2, 'Pick the noun',
   array['run', 'cat'], 2, false);
insert into public.exam_answer_keys (question_id, correct_options) values
  ('c0000000-0000-4000-8000-000000000001', '{1,3}'), ('c0000000-0000-4000-8000-000000000002', '{2}');

select tests.authenticate_as('student_a');
select results_eq(
  $$ select attempt_number::int, score, max_score, percent, passed
       from public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c',
         '{"c0000000-0000-4000-8000-000000000001": [3, 1], "c0000000-0000-4000-8000-000000000002": 2}') $$,
  $$ values (1, 5, 5, 100.00, true) $$,
  'answers in any order, one number or a list, are graded on the server');
select results_eq(
  $$ select attempt_number::int, score, max_score, percent, passed
       from public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c',
         '{"c0000000-0000-4000-8000-000000000001": [1], "c0000000-0000-4000-8000-000000000002": [2]}') $$,
  $$ values (2, 2, 5, 40.00, false) $$,
  'a partly right multiple-answer question scores nothing; below pass_percent fails');
select throws_ok(
  $$ select public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c', '{}') $$,
  'P0001', 'you have used all 2 attempts at this exam', 'attempts are limited');
select throws_ok(
  $$ select public.submit_exam_attempt(tests.fixture_id('public.exams', 'A'),
       jsonb_build_object(tests.fixture_id('public.exam_questions', 'B'), 1)) $$,
  '22023', null, 'answers to another exam''s question are refused');
select throws_ok(
  $$ insert into public.exam_attempts (exam_id, student_id, attempt_number, score, max_score, percent, passed)
     values ('c0000000-0000-4000-8000-00000000000c', auth.uid(), 3, 5, 5, 100, true) $$,
  '42501', null, 'a student cannot write an attempt of their own making');
select tests.authenticate_as('student_b');
select throws_ok(
  $$ select public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c', '{}') $$,
  '42501', 'no such exam among your batches'' exams', 'a student outside the batch cannot take the exam');
select tests.authenticate_as_anon();
select throws_ok(
  $$ select public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c', '{}') $$,
  '42501', null, 'anon cannot submit an attempt');

-- An exam that has not opened: listed, but its questions stay hidden.
select tests.clear_authentication();
update public.exams set opens_at = now() + interval '1 day' where id = 'c0000000-0000-4000-8000-00000000000c';
select tests.authenticate_as('student_a');
select isnt_empty($$ select 1 from public.exams where title = 'Exam C' $$,
  'a student sees an upcoming exam of their batch');
select is_empty($$ select 1 from public.exam_questions where exam_id = 'c0000000-0000-4000-8000-00000000000c' $$,
  'but not its questions before it opens');
select throws_ok(
  $$ select public.submit_exam_attempt('c0000000-0000-4000-8000-00000000000c', '{}') $$,
  'P0001', null, 'nor can they submit before it opens');
select is_empty($$ select 1 from public.exam_answer_keys $$, 'a student never reads an answer key');

select * from finish();
rollback;
