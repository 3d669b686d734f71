-- Settings and the audit log: the center's public profile is public; automation settings, the
-- audit log and provider credentials are not; private tables are closed to every API role.
begin;
select plan(3 * 25 + 15);
select tests.build_world();

-- One row, created by the migration: nobody inserts or deletes it through the API.
select tests.rls_matrix('public.center_settings', array[
  --  actor            select  insert  update  delete
  ['anon',            'C',    '-',    '-',    '-'],
  ['student_a',       'C',    '-',    '-',    '-'],
  ['student_b',       'C',    '-',    '-',    '-'],
  ['instructor_a',    'C',    '-',    '-',    '-'],
  ['instructor_b',    'C',    '-',    '-',    '-'],
  ['admin',           'C',    '-',    'C',    '-']
]);
select tests.rls_matrix('public.automation_settings', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'C',    '-',    'C',    '-']
]);
-- History is read, never written or rewritten, through the API.
select tests.rls_matrix('public.audit_logs', array[
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'X',    '-',    '-',    '-']
]);

-- Provider credentials: stored sealed, listed without the secret, never readable.
insert into private.provider_credentials (provider, name, ciphertext, key_id, hint)
values ('sendgrid', 'api_key', extensions.gen_random_bytes(60), 'k1', 'x9Qz');
update private.provider_credentials set ciphertext = extensions.gen_random_bytes(60);
select ok(
  (select bool_and(changes::text like '%redacted:%' and changes::text not like '%\\x%')
     from public.audit_logs where entity_table = 'provider_credentials'),
  'the audit log shows that a credential changed, never its ciphertext');
select is((select count(*)::int from public.audit_logs where entity_table = 'provider_credentials'), 2,
  'even a change of the ciphertext alone is audited');
select tests.authenticate_as('admin');
select results_eq($$ select provider, name, hint from public.list_provider_credentials() $$,
  $$ values ('sendgrid', 'api_key', 'x9Qz') $$, 'an admin sees which credentials are set and their last characters');
select throws_ok($$ select * from private.provider_credentials $$, '42501', null,
  'an admin cannot read provider credentials through the API');
select throws_ok($$ select * from private.lead_funnel_daily $$, '42501', null,
  'an admin cannot read private tables through the API');
select tests.authenticate_as('student_a');
select throws_ok($$ select * from public.list_provider_credentials() $$, '42501', null,
  'a student cannot list provider credentials');
select throws_ok($$ select * from private.provider_credentials $$, '42501', null,
  'a student cannot read provider credentials');
select tests.authenticate_as('instructor_a');
select throws_ok($$ select * from private.provider_credentials $$, '42501', null,
  'an instructor cannot read provider credentials');
select tests.authenticate_as_anon();
select throws_ok($$ select * from private.provider_credentials $$, '42501', null,
  'anon cannot read provider credentials');
select tests.authenticate_as_service_role();
select throws_ok($$ select * from private.provider_credentials $$, '42501', null,
  'the service role key cannot read provider credentials either');

select tests.authenticate_as('admin');
update public.center_settings set name = 'Vidya Coaching', timezone = 'Asia/Kolkata';
select tests.clear_authentication();
select results_eq(
  $$ select name, updated_by = tests.get_supabase_uid('admin') from public.center_settings $$,
  $$ values ('Vidya Coaching', true) $$, 'settings changes record who made them');

-- Rate limits: a rate of zero once divided the outbox's token bucket by zero, failing every batch.
select tests.authenticate_as('admin');
select lives_ok(
  $$ update public.automation_settings
        set rate_limits = '{"aisensy": {"per_second": 5, "burst": 10}, "bolna": {"concurrency": 3}}' $$,
  'an admin sets a provider''s rate, burst and concurrency');
select throws_ok(
  $$ update public.automation_settings set rate_limits = '{"aisensy": {"per_second": 0}}' $$,
  '23514', null, 'a rate of zero is refused');
select tests.clear_authentication();
select is_empty(
  $$ select v from unnest(array['{"aisensy": {"per_second": -1}}', '{"aisensy": {"per_second": "5"}}',
                                '{"aisensy": {"burst": 0.5}}', '{"bolna": {"concurrency": 2.5}}',
                                '{"aisensy": {"per_sec": 5}}', '{"aisensy": 5}', '{"AiSensy": {}}']::jsonb[]) v
      where private.are_send_rate_limits(v) $$,
  'negative, non-numeric, fractional-concurrency, misspelt and misplaced limits are refused');
select results_eq(
  $$ select granted, wait_seconds from private.take_send_tokens('pgtap_no_rate', 0, 5, 10) $$,
  $$ values (10, 0::double precision) $$,
  'a rate of zero reaching the token bucket limits nothing instead of dividing by zero');

select * from finish();
rollback;
