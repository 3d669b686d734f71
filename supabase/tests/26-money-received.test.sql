-- Money received (decision 0668): a payment paid short counts at what it took, in the dashboard, the funnel,
-- a resumed conversion and the refund ceiling; it is not a conversion.
begin;
select plan(14);
select tests.build_world();

select is((select received_paise from public.payments where id = tests.fixture_id('public.payments', 'L')), null,
  'an unpaid link has received nothing');
select is((select received_paise from public.payments where id = tests.fixture_id('public.payments', 'A')), 499900::bigint,
  'a payment paid before confirmed amounts were kept received what it asked');

-- Lead L (no email address yet) pays ₹4,000 of the ₹4,999 its link asks.
update public.leads set email = null where id = tests.fixture_id('public.leads', 'L');
update public.payments set provider_order_id = 'req_short' where id = tests.fixture_id('public.payments', 'L');
select is(private.apply_payment_state('instamojo', 'req_short', 'paid', 400000, 'MOJO-L', null, '{}'), 'paid',
  'the short payment is paid');
select is((select received_paise from public.payments where id = tests.fixture_id('public.payments', 'L')), 400000::bigint,
  'and received what the provider confirmed');
select cmp_ok((select funnel_stage from public.leads where id = tests.fixture_id('public.leads', 'L')), '<', 3::smallint,
  'a payment paid short does not move its payer to the funnel''s paid stage');
select is(private.recompute_lead_stages(), 0::bigint, 'nor does a recount');
update public.leads set email = 'lead.l@test.local' where id = tests.fixture_id('public.leads', 'L');
select is_empty(
  $$ select 1 from public.outbox where idempotency_key = 'invite_user:' || tests.fixture_id('public.payments', 'L') $$,
  'adding the payer''s email does not convert a payment paid short');

select tests.authenticate_as('admin');
create temporary table stats on commit drop as select public.get_admin_stats() as s;
select results_eq(
  $$ select (s #>> '{conversions,value}')::int, (s #>> '{revenue_paise,value}')::bigint from stats $$,
  $$ values (2, 1399800::bigint) $$,
  'revenue adds what the short payment received; it is no conversion');
select is(
  (select (detail ->> 'amount_paise')::bigint from public.get_recent_activity(100)
    where kind = 'payment_received' and title = 'Lead L'),
  400000::bigint, 'recent activity shows what the short payment received');

-- Refunds stop at what was received.
select tests.clear_authentication();
select throws_ok(
  $$ update public.payments set refunded_paise = 400001 where id = tests.fixture_id('public.payments', 'L') $$,
  '23514', null, 'the table refuses a refund above what was received');
select is(private.settle_refund('instamojo', 'req_short', null, 'completed', null, '{}'), 'refunded',
  'a refund made at the provider''s dashboard refunds what was received');
select results_eq(
  $$ select status::text, refunded_paise from public.payments where id = tests.fixture_id('public.payments', 'L') $$,
  $$ values ('refunded', 400000::bigint) $$,
  'and nothing is left to refund');
select tests.authenticate_as('admin');
select is((select (public.get_admin_stats() #>> '{revenue_paise,value}')::bigint), 999800::bigint,
  'revenue is net of the refund');

-- A provider-confirmed refund of all it took also ends the payment.
select tests.clear_authentication();
set session_replication_role = replica;  -- undo the refund above: status never moves back otherwise
update public.payments set status = 'paid', refunded_paise = 0 where id = tests.fixture_id('public.payments', 'L');
set session_replication_role = origin;
select is(private.settle_refund('instamojo', 'req_short', null, 'completed', 400000, '{}'), 'refunded',
  'refunding the whole ₹4,000 received leaves the payment refunded, not paid');

select * from finish();
rollback;
