-- private.center_today() is today's date at the center, whatever the session's TimeZone (decision 0676):
-- the day that calendar-day columns (batches.starts_on) are compared with. Kiritimati (UTC+14) and Pago Pago
-- (UTC-11) keep no daylight saving, so their dates follow from UTC's by fixed offsets.
begin;
select plan(7);

set local time zone 'UTC';
update public.center_settings set timezone = 'Pacific/Kiritimati';
select is(private.center_today(), ((now() at time zone 'UTC') + interval '14 hours')::date,
  'a center fourteen hours ahead of UTC is on its own date (from 10:00 UTC, the next one)');

update public.center_settings set timezone = 'Pacific/Pago_Pago';
select is(private.center_today(), ((now() at time zone 'UTC') - interval '11 hours')::date,
  'a center eleven hours behind UTC is on its own date (until 11:00 UTC, the previous one)');

set local time zone 'Pacific/Kiritimati';
select is(private.center_today(), ((now() at time zone 'UTC') - interval '11 hours')::date,
  'the session''s time zone changes nothing');

select is(private.center_today('Asia/Kolkata'), ((now() at time zone 'UTC') + interval '5 hours 30 minutes')::date,
  'a caller that has read the zone already passes it');

select ok(not has_function_privilege('anon', 'private.center_today(text)', 'execute'),
  'anon cannot call it');
select ok(not has_function_privilege('authenticated', 'private.center_today(text)', 'execute'),
  'nor can signed-in users: no policy needs it');

select is((select (p.provolatile, p.prosecdef, p.proconfig is null)::text from pg_proc p
            where p.oid = 'private.center_today(text)'::regprocedure),
  '(s,f,t)',
  'stable, without security definer or set clauses: callers'' queries inline it (no executor of its own)');

select * from finish();
rollback;
