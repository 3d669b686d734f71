-- The lead form's per-address counter (decision 0590): one row per client and session, summed over the
-- sessions for the current window; an old window does not count; closed to every API role.
begin;
select plan(14);
select tests.build_world();

select hasnt_table('private', 'intake_rate_limits', 'the single-row counter is gone');
select ok((select relrowsecurity from pg_class where oid = 'private.intake_hits'::regclass),
  'the counter table has row-level security enabled');

select is(private.count_intake_hit('leads:198.51.100.1', 60), 1, 'a first hit counts 1');
select is(private.count_intake_hit('leads:198.51.100.1', 60), 2, 'a second hit in the session counts 2');
select is((select count(*)::int from private.intake_hits where client_key = 'leads:198.51.100.1'), 1,
  'one session keeps one row per client');

-- Hits that other sessions committed: one in this window, one in an older window.
insert into private.intake_hits (client_key, backend, window_start, hits) values
  ('leads:198.51.100.1', -1, to_timestamp(floor(extract(epoch from now()) / 60) * 60), 5),
  ('leads:198.51.100.1', -2, to_timestamp(floor(extract(epoch from now()) / 60) * 60 - 60), 7);
select is(private.count_intake_hit('leads:198.51.100.1', 60), 8,
  'other sessions'' hits of the current window are added, an older window''s are not');
select is(private.count_intake_hit('leads:203.0.113.9', 60), 1, 'another client is counted apart');

-- This session's row from an earlier window starts again at 1.
update private.intake_hits set window_start = window_start - interval '1 hour'
 where client_key = 'leads:198.51.100.1' and backend = pg_backend_pid();
select is(private.count_intake_hit('leads:198.51.100.1', 60), 6, 'a new window restarts this session''s count');
select is((select hits from private.intake_hits
            where client_key = 'leads:198.51.100.1' and backend = pg_backend_pid()), 1,
  'the restarted row holds this hit alone');

-- Closed to the API: neither the table nor the function.
select tests.authenticate_as_anon();
select throws_ok($$ select * from private.intake_hits $$, '42501', null, 'anon cannot read the counters');
select throws_ok($$ select private.count_intake_hit('leads:x', 60) $$, '42501', null,
  'anon cannot count hits itself');
select tests.authenticate_as('student_a');
select throws_ok($$ select * from private.intake_hits $$, '42501', null, 'a student cannot read the counters');
select tests.authenticate_as('admin');
select throws_ok($$ delete from private.intake_hits $$, '42501', null, 'an admin cannot reset the counters');
select tests.authenticate_as_service_role();
select throws_ok($$ select private.count_intake_hit('leads:x', 60) $$, '42501', null,
  'the service role key cannot count hits through the API');

select * from finish();
rollback;
