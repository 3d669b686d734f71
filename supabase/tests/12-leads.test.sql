-- Finding students: imports, leads, CTA submissions, consents and sequences; dedupe and opt-outs.
begin;
select plan(7 * 25 + 13);
select tests.build_world();

select tests.rls_matrix('public.lead_imports', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    'L',    'L',    'L']
]);
select tests.rls_matrix('public.leads', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    'L',    'L',    'L']
]);
select tests.rls_matrix('public.cta_submissions', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    'L',    'L',    'L']
]);
-- A student manages their household's consents (their own and their parent's), nobody else's.
select tests.rls_matrix('public.consents', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    'A',    'A',    '-'],
  ['student_b',       'B',    'B',    'B',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'ABL',  'ABL',  'ABL',  'ABL']
]);
select tests.rls_matrix('public.sequences', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'S',    'S',    'S',    'S']
]);
select tests.rls_matrix('public.sequence_steps', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'S',    'S',    'S',    'S']
]);
select tests.rls_matrix('public.sequence_enrollments', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'L',    'L',    'L',    'L']
]);

-- Contact data and dedupe.
select throws_ok($$ insert into public.leads (full_name, email) values ('Twin', 'LEAD.L@TEST.LOCAL') $$,
  '23505', null, 'a second lead with the same email in other letter case is a duplicate');
select throws_ok($$ insert into public.leads (full_name, phone) values ('Twin', '+919800000009') $$,
  '23505', null, 'a second lead with the same phone is a duplicate');
select throws_ok($$ insert into public.leads (full_name, email) values ('Bad', 'not-an-email') $$,
  '23514', null, 'a malformed email is refused');
select throws_ok($$ insert into public.leads (full_name, phone) values ('Bad', '98000 00000') $$,
  '23514', null, 'a phone not in E.164 is refused');
select throws_ok($$ insert into public.leads (full_name) values ('Nobody') $$,
  '23514', null, 'a lead needs an email or a phone');

-- The funnel stage follows the status and never falls back.
update public.leads set status = 'interested' where full_name = 'Lead L';
update public.leads set status = 'lost' where full_name = 'Lead L';
select is((select funnel_stage from public.leads where full_name = 'Lead L'), 2::smallint,
  'a lost lead keeps the furthest stage it reached');
insert into public.leads (full_name, phone, status, last_contacted_at) values
  ('Stage New', '+919800000101', 'new', null),
  ('Stage Called', '+919800000102', 'new', now()),
  ('Stage Enrolled', '+919800000103', 'enrolled', null);
select results_eq(
  $$ select full_name, funnel_stage from public.leads where full_name like 'Stage %' order by full_name $$,
  $$ values ('Stage Called', 1::smallint), ('Stage Enrolled', 3::smallint), ('Stage New', 0::smallint) $$,
  'an inserted lead starts at the stage its status and contact reached');
select is((select count(*)::integer from pg_trigger where tgrelid = 'public.leads'::regclass
            and tgname = 'leads_raise_stage_on_insert' and tgqual is not null), 1,
  'the insert trigger runs only for leads past new or already contacted (imports skip it)');

-- Opting out stops the contact's sequences and is audited.
update public.consents set state = 'opted_out', source = 'inbound_keyword'
 where lead_id = (select id from public.leads where full_name = 'Lead L');
select results_eq(
  $$ select status::text, stop_reason from public.sequence_enrollments $$,
  $$ values ('stopped', 'opted_out') $$,
  'an opt-out stops the lead''s running sequence');
select is(
  (select changes -> 'new' ->> 'state' from public.audit_logs where entity_table = 'consents' and action = 'update'),
  'opted_out', 'consent changes are in the audit log');

-- Import staging is private.
select tests.authenticate_as('admin');
select throws_ok($$ select * from private.lead_import_rows $$, '42501', null,
  'import staging rows are not readable through the API, even by an admin');
select tests.authenticate_as('student_a');
select throws_ok(
  $$ insert into public.consents (profile_id, channel, state, source)
     values (tests.get_supabase_uid('student_b'), 'sms', 'opted_out', 'profile') $$,
  '42501', null, 'a student cannot record a consent for another student');
select throws_ok(
  $$ update public.consents set profile_id = tests.get_supabase_uid('student_b') where profile_id = auth.uid() $$,
  '42501', null, 'a student cannot hand their consent row to another student');

select * from finish();
rollback;
