-- Storage: every bucket's policies on storage.objects, as Storage applies them (reads, lists and
-- deletes run as the user; an upload is allowed when the user may insert the object row).
begin;
select plan(8 * 25 + 5);
select tests.build_world();

-- assignments: <student_id>/<assignment_id>/<file>; a student's own folder, read by their instructor.
select tests.rls_matrix('storage.objects', array[
  --  actor            select  insert  update  delete
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'A',    'A',    'A',    'A'],
  ['student_b',      'B',    'B',    'B',    'B'],
  ['instructor_a',   'A',    '-',    '-',    '-'],
  ['instructor_b',   'B',    '-',    '-',    '-'],
  ['admin',          'AB',   'AB',   'AB',   'AB']
], 'assignments');
-- materials: <batch_id>/<file>; written by the batch's instructor, read by its students.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'A',    '-',    '-',    '-'],
  ['student_b',      'B',    '-',    '-',    '-'],
  ['instructor_a',   'A',    'A',    'A',    'A'],
  ['instructor_b',   'B',    'B',    'B',    'B'],
  ['admin',          'AB',   'AB',   'AB',   'AB']
], 'materials');
-- recordings: <batch_id>/<session_id>/<file>; students read only released recordings (A, B), never H.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'A',    '-',    '-',    '-'],
  ['student_b',      'B',    '-',    '-',    '-'],
  ['instructor_a',   'AH',   'AH',   'AH',   'AH'],
  ['instructor_b',   'B',    'B',    'B',    'B'],
  ['admin',          'ABH',  'ABH',  'ABH',  'ABH']
], 'recordings');
-- certificates: <student_id>/<certificate_id>.pdf; issued by the service or an admin.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'A',    '-',    '-',    '-'],
  ['student_b',      'B',    '-',    '-',    '-'],
  ['instructor_a',   '-',    '-',    '-',    '-'],
  ['instructor_b',   '-',    '-',    '-',    '-'],
  ['admin',          'AB',   'AB',   'AB',   'AB']
], 'certificates');
-- receipts: <student_id>/<payment_id>.pdf; stored by the service, read by the paying student.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'A',    '-',    '-',    '-'],
  ['student_b',      'B',    '-',    '-',    '-'],
  ['instructor_a',   '-',    '-',    '-',    '-'],
  ['instructor_b',   '-',    '-',    '-',    '-'],
  ['admin',          'AB',   'AB',   'AB',   'AB']
], 'receipts');
-- imports: lead CSVs and error reports, admins only.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      '-',    '-',    '-',    '-'],
  ['student_b',      '-',    '-',    '-',    '-'],
  ['instructor_a',   '-',    '-',    '-',    '-'],
  ['instructor_b',   '-',    '-',    '-',    '-'],
  ['admin',          'L',    'L',    'L',    'L']
], 'imports');
-- avatars: <user_id>/<file>; public bucket, each user writes their own folder.
select tests.rls_matrix('storage.objects', array[
  ['anon',           '-',    '-',    '-',    '-'],
  ['student_a',      'AB',   'A',    'A',    'A'],
  ['student_b',      'AB',   'B',    'B',    'B'],
  ['instructor_a',   'AB',   '-',    '-',    '-'],
  ['instructor_b',   'AB',   '-',    '-',    '-'],
  ['admin',          'AB',   'AB',   'AB',   'AB']
], 'avatars');
-- course-files: syllabi and covers; public bucket, admins write.
select tests.rls_matrix('storage.objects', array[
  ['anon',           'P',    '-',    '-',    '-'],
  ['student_a',      'P',    '-',    '-',    '-'],
  ['student_b',      'P',    '-',    '-',    '-'],
  ['instructor_a',   'P',    '-',    '-',    '-'],
  ['instructor_b',   'P',    '-',    '-',    '-'],
  ['admin',          'P',    'P',    'P',    'P']
], 'course-files');

select results_eq(
  $$ select id, public from storage.buckets order by id $$,
  $$ values ('assignments', false), ('avatars', true), ('certificates', false), ('course-files', true),
            ('imports', false), ('materials', false), ('receipts', false), ('recordings', false) $$,
  'only avatars and course files are public buckets');

select tests.authenticate_as('student_a');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name)
     values ('assignments', auth.uid() || '/' || tests.fixture_id('public.assignments', 'D') || '/early.pdf') $$,
  '42501', null, 'a student cannot upload work for an unpublished assignment');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name)
     values ('assignments', auth.uid() || '/' || tests.fixture_id('public.assignments', 'B') || '/essay.pdf') $$,
  '42501', null, 'a student cannot upload work for another batch''s assignment');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name)
     values ('certificates', auth.uid() || '/forged.pdf') $$,
  '42501', null, 'a student cannot put a certificate in their own folder');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('receipts', auth.uid() || '/forged.pdf') $$,
  '42501', null, 'a student cannot put a receipt in their own folder');

select * from finish();
rollback;
