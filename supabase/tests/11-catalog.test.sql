-- The catalog: courses, batches and enrollments; capacity; what a pending enrollment opens (nothing).
begin;
select plan(3 * 25 + 8);
select tests.build_world();

select tests.rls_matrix('public.courses', array[
  --  actor            select  insert  update  delete
  ['anon',            'P',    '-',    '-',    '-'],
  ['student_a',       'P',    '-',    '-',    '-'],
  ['student_b',       'P',    '-',    '-',    '-'],
  ['instructor_a',    'PU',   '-',    '-',    '-'],
  ['instructor_b',    'PU',   '-',    '-',    '-'],
  ['admin',           'PU',   'PU',   'PU',   'PU']
]);

-- Batch B is open for sale, so it is part of the public catalog; batch A is running.
select tests.rls_matrix('public.batches', array[
  ['anon',            'B',    '-',    '-',    '-'],
  ['student_a',       'AB',   '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'AB',   '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);

select tests.rls_matrix('public.enrollments', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   'AB']
]);

select is((select active_enrollments from public.batches where name = 'Batch A'), 1,
  'a batch counts its active enrollments');

-- A pending (unpaid) enrollment opens nothing of the batch.
insert into public.enrollments (student_id, batch_id, status)
select tests.get_supabase_uid('student_a'), id, 'pending' from public.batches where name = 'Batch B';
select tests.authenticate_as('student_a');
select is_empty($$ select 1 from public.sessions where title = 'Session B' $$,
  'a pending enrollment does not show the batch''s sessions');
select tests.clear_authentication();

-- Capacity holds.
update public.batches set capacity = 1 where name = 'Batch B';
select throws_ok(
  $$ update public.enrollments set status = 'active'
      where student_id = tests.get_supabase_uid('student_a')
        and batch_id = (select id from public.batches where name = 'Batch B') $$,
  '23514', 'batch "Batch B" is full: all 1 seats are taken',
  'activating an enrollment beyond capacity fails and names the batch');
update public.batches set capacity = 2 where name = 'Batch B';
select lives_ok(
  $$ update public.enrollments set status = 'active'
      where student_id = tests.get_supabase_uid('student_a')
        and batch_id = (select id from public.batches where name = 'Batch B') $$,
  'with a free seat the enrollment activates');
select is((select active_enrollments from public.batches where name = 'Batch B'), 2,
  'the counter follows the activation');
select is(
  (select activated_at from public.enrollments
    where student_id = tests.get_supabase_uid('student_a') and batch_id = tests.fixture_id('public.batches', 'B')),
  now(), 'activation is stamped');

select tests.authenticate_as('admin');
select throws_ok($$ update public.batches set active_enrollments = 0 $$, '42501', null,
  'not even an admin edits the enrollment counter');
select throws_ok(
  $$ update public.batches set instructor_id = tests.get_supabase_uid('student_b') where name = 'Batch A' $$,
  '23514', 'batches.instructor_id must be an instructor or an admin',
  'a student cannot be made a batch''s instructor');

select * from finish();
rollback;
