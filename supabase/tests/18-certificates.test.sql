-- Certificates: students see their own, staff their batches'; anyone can verify a code and learn
-- nothing else.
begin;
select plan(25 + 7);
select tests.build_world();

-- A certificate is revoked, never deleted.
select tests.rls_matrix('public.certificates', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    'A',    '-',    '-',    '-'],
  ['instructor_b',    'B',    '-',    '-',    '-'],
  ['admin',           'AB',   'AB',   'AB',   '-']
]);

select ok(
  (select bool_and(verification_code ~ '^[A-HJ-NP-Z2-9]{16}$') from public.certificates),
  'verification codes are 16 characters without look-alikes');

-- Anyone can check a code, typed loosely.
create temporary table typed_code on commit drop as
select lower(substr(c, 1, 4) || '-' || substr(c, 5, 4) || ' ' || substr(c, 9, 8)) as code
  from (select verification_code as c from public.certificates where id = tests.fixture_id('public.certificates', 'A')) x;
grant select on typed_code to anon;
select tests.authenticate_as_anon();
select results_eq(
  $$ select student_name, course_title, batch_name,
            issued_on = (now() at time zone 'Asia/Kolkata')::date, status::text  -- the center's day
       from public.verify_certificate((select code from typed_code)) $$,
  $$ values ('Student_A', 'Spoken English', 'Batch A', true, 'issued') $$,
  'a code (any case, with dashes or spaces) gives the holder, course, batch, date and status');
select is_empty(
  $$ select * from public.verify_certificate((select left(replace(replace(code, '-', ''), ' ', ''), 8) from typed_code)) $$,
  'half a code finds nothing');
select is_empty($$ select * from public.verify_certificate('ABCDEFGHJKLMNPQR') $$, 'an unknown code finds nothing');
select is_empty($$ select * from public.verify_certificate(null) $$, 'no code finds nothing');

select tests.authenticate_as('admin');
update public.certificates set status = 'revoked', revoked_at = now(), revoke_reason = 'issued in error'
 where id = tests.fixture_id('public.certificates', 'A');
select tests.authenticate_as_anon();
select is((select status::text from public.verify_certificate((select code from typed_code))), 'revoked',
  'a revoked certificate answers as revoked');
select tests.authenticate_as('admin');
select throws_ok(
  $$ insert into public.certificates (student_id, course_id)
     select student_id, course_id from public.certificates where id = tests.fixture_id('public.certificates', 'B') $$,
  '23505', null, 'a student holds one issued certificate per course');

select * from finish();
rollback;
