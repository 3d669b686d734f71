-- Payments: students see their own; only unpaid links can be deleted; statuses never move back; a
-- paid link moves its lead on in the funnel and stops its sequences.
begin;
select plan(25 + 7 + 3);
select tests.build_world();

select tests.rls_matrix('public.payments', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       'A',    '-',    '-',    '-'],
  ['student_b',       'B',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'ABL',  'ABL',  'ABL',  'L']
]);

update public.payments set status = 'pending' where provider_payment_id = 'MOJO-A';
select is((select status::text from public.payments where provider_payment_id = 'MOJO-A'), 'paid',
  'a late "pending" never takes a paid payment back');
select throws_ok(
  $$ insert into public.payments (profile_id, provider, provider_payment_id, amount_paise)
     values (tests.get_supabase_uid('student_a'), 'instamojo', 'MOJO-A', 100) $$,
  '23505', null, 'a provider payment id is unique per provider');
select throws_ok(
  $$ insert into public.payments (profile_id, provider, amount_paise)
     values (tests.get_supabase_uid('student_a'), 'phonepe', 0) $$,
  '23514', null, 'an amount is a positive number of paise');

update public.payments set status = 'paid', provider_payment_id = 'MOJO-L'
 where lead_id = (select id from public.leads where full_name = 'Lead L');
select is((select funnel_stage from public.leads where full_name = 'Lead L'), 3::smallint,
  'a paid link moves its lead to the paid stage');
select results_eq(
  $$ select status::text, stop_reason from public.sequence_enrollments $$,
  $$ values ('stopped', 'paid') $$,
  'a payment stops the lead''s sequences');
update public.payments set status = 'refunded', refunded_paise = amount_paise where provider_payment_id = 'MOJO-L';
select ok((select refunded_at is not null and paid_at is not null from public.payments where provider_payment_id = 'MOJO-L'),
  'a refund keeps paid_at and stamps refunded_at');
select is(
  (select count(*)::int from public.audit_logs a join public.payments p on a.entity_id = p.id::text
    where p.provider_payment_id = 'MOJO-L' and a.action = 'update'),
  2, 'every status change of a payment is in the audit log');

-- Only the service renews a payment link (decision 0666).
select tests.authenticate_as('admin');
select throws_ok(
  $$ insert into public.payments (lead_id, batch_id, provider, amount_paise, renews)
     select p.lead_id, p.batch_id, 'phonepe', p.amount_paise, p.id from public.payments p
      where p.lead_id is not null limit 1 $$,
  '42501', null, 'an admin cannot make a renewal of a payment link');
select throws_ok(
  $$ update public.payments set renews = (select id from public.payments where provider_payment_id = 'MOJO-A')
      where lead_id is not null $$,
  '42501', null, 'an admin cannot re-point a payment at another link');
select throws_ok(
  $$ update public.payments set link_closed_at = now() where lead_id is not null $$,
  '42501', null, 'an admin closes a link only through the service, which also stops its orders and messages');

select * from finish();
rollback;
