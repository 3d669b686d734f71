-- Profiles and the role model: who reads and writes which profile, the sign-up trigger that never
-- trusts user metadata for the role, the guard that stops anyone raising their own role.
begin;
select plan(25 + 17);
select tests.build_world();

select tests.rls_matrix('public.profiles', array[
  --  actor            select    insert    update    delete
  ['anon',            '-',      '-',      '-',      '-'],
  ['student_a',       'A I',    '-',      'A',      '-'],
  ['student_b',       'B J',    '-',      'B',      '-'],
  ['instructor_a',    'A I',    '-',      'I',      '-'],
  ['instructor_b',    'B J',    '-',      'J',      '-'],
  ['admin',           'ABIJM',  'ABIJ',   'ABIJM',  '-']
]);
-- (The admin cannot re-create their own profile M: without it they are no longer an admin.)

-- Sign-up: the role comes from app_metadata (set only by the service), never from user metadata.
insert into auth.users (instance_id, id, aud, role, email, phone, raw_app_meta_data, raw_user_meta_data)
values ('00000000-0000-0000-0000-000000000000', 'a0000000-0000-4000-8000-000000000001', 'authenticated',
        'authenticated', 'Mallory@Example.com', '919811111111', '{"provider": "email"}',
        '{"role": "admin", "full_name": "Mallory", "test_identifier": "mallory"}');
select results_eq(
  $$ select role::text, full_name, email::text, phone::text from public.profiles
      where id = 'a0000000-0000-4000-8000-000000000001' $$,
  $$ values ('student', 'Mallory', 'Mallory@Example.com', '+919811111111') $$,
  'a sign-up asking for admin in its user metadata gets a student profile with its name, email and E.164 phone'
);
select is(
  (select role::text from public.profiles where id = tests.get_supabase_uid('instructor_a')),
  'instructor', 'a user created with role instructor in app_metadata gets an instructor profile');
select is(
  (select count(*)::int from public.profiles where email = 'MALLORY@example.COM'),
  1, 'profile emails compare case-insensitively');

-- Nobody raises their own role; only an admin changes roles, and the change reaches app_metadata.
select tests.authenticate_as('student_a');
select throws_ok(
  $$ update public.profiles set role = 'admin' where id = auth.uid() $$,
  '42501', 'profiles.role can only be changed by an admin',
  'a student cannot make themself an admin');
select tests.authenticate_as('instructor_a');
select throws_ok(
  $$ update public.profiles set role = 'admin' where id = auth.uid() $$,
  '42501', null, 'an instructor cannot make themself an admin');
select tests.authenticate_as('student_a');
select throws_ok(
  $$ update public.profiles set email = 'new@test.local' where id = auth.uid() $$,
  '42501', null, 'a user cannot change the email on their profile (it follows Auth)');
select lives_ok(
  $$ update public.profiles set full_name = 'Asha Verma', phone = '+919812345678', timezone = 'Asia/Dubai',
       parent_name = 'Ravi Verma', parent_phone = '+919812345679' where id = auth.uid() $$,
  'a student updates their own name, phone, time zone and parent contact');
select throws_ok(
  $$ update public.profiles set timezone = 'Mars/Olympus' where id = auth.uid() $$,
  '23514', null, 'an unknown time zone is refused');
select throws_ok(
  $$ update public.profiles set timezone = 'IST' where id = auth.uid() $$,
  '23514', null, 'an abbreviation is refused: PostgreSQL reads it, Python''s zoneinfo does not');
select is_empty(
  $$ select v from unnest(array['Asia/Kolkata', 'Asia/Dubai', 'Asia/Singapore', 'Europe/London', 'America/New_York',
                                'UTC', 'Etc/GMT-5', 'America/Argentina/Buenos_Aires']) v
      where not private.is_time_zone(v) $$,
  'the zones of the app''s pickers and the defaults, fixed offsets and three-part names are time zones');
select is_empty(
  $$ select v from unnest(array['IST', '+05:30', 'UTC+5:30', 'posixrules', 'EST5EDT', 'GMT', 'asia/kolkata',
                                'posix/Asia/Kolkata', 'Mars/Olympus']) v
      where private.is_time_zone(v) $$,
  'abbreviations, offsets, legacy names, other spellings and unknown names are not');
set local time zone 'Asia/Tokyo';
select private.is_time_zone('Europe/London');
select is(current_setting('TimeZone'), 'Asia/Tokyo', 'checking a zone leaves the session''s zone as it was');
select tests.authenticate_as('admin');
update public.profiles set role = 'instructor' where id = tests.get_supabase_uid('student_b');
select tests.clear_authentication();
select is(
  (select raw_app_meta_data ->> 'role' from auth.users where id = tests.get_supabase_uid('student_b')),
  'instructor', 'an admin''s role change is copied to app_metadata for the next token');
select is(
  (select changes -> 'new' ->> 'role' from public.audit_logs
    where entity_table = 'profiles' and entity_id = tests.get_supabase_uid('student_b')::text and action = 'update'),
  'instructor', 'a role change is in the audit log');

-- create_profile_for_current_user(): idempotent, refuses anon.
delete from public.profiles where id = 'a0000000-0000-4000-8000-000000000001';
select tests.authenticate_as('mallory');
select is((select (public.create_profile_for_current_user()).role::text), 'student',
  'create_profile_for_current_user() recreates a missing profile as a student');
select is((select (public.create_profile_for_current_user()).id), 'a0000000-0000-4000-8000-000000000001'::uuid,
  'calling it again returns the same profile');
select tests.authenticate_as_anon();
select throws_ok($$ select public.create_profile_for_current_user() $$, '42501', null,
  'anon cannot call create_profile_for_current_user()');

select * from finish();
rollback;
