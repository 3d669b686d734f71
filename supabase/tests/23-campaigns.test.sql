-- Campaigns are written by the service and read by admins only; their messages point back to them,
-- and the per-status counts see exactly what RLS lets the caller see.
begin;
select plan(25 + 4);
select tests.build_world();

insert into public.campaigns (id, name, channel, template, audience, request_id, recipients)
values ('00000000-0000-4000-8000-0000000000c1', 'Follow-up to Lead L', 'email', 'follow_up_day_1',
        '{"lead_ids": []}', 'campaign-request-c', 1);
select tests.register_id('public.campaigns', 'C', '00000000-0000-4000-8000-0000000000c1');
update public.crm_messages set campaign_id = '00000000-0000-4000-8000-0000000000c1'
 where id = tests.fixture_id('public.crm_messages', 'L');

select tests.rls_matrix('public.campaigns', array[
  --  actor            select  insert  update  delete
  ['anon',            '-',    '-',    '-',    '-'],
  ['student_a',       '-',    '-',    '-',    '-'],
  ['student_b',       '-',    '-',    '-',    '-'],
  ['instructor_a',    '-',    '-',    '-',    '-'],
  ['instructor_b',    '-',    '-',    '-',    '-'],
  ['admin',           'C',    '-',    '-',    '-']
]);

select tests.authenticate_as('admin');
select results_eq(
  $$ select status::text, messages from public.campaign_status_counts('00000000-0000-4000-8000-0000000000c1') $$,
  $$ values ('sent', 1::bigint) $$,
  'an admin counts the campaign''s messages by status');
select tests.authenticate_as('student_a');
select is_empty(
  $$ select * from public.campaign_status_counts('00000000-0000-4000-8000-0000000000c1') $$,
  'a student counts nothing: RLS on the messages applies to the counts');
select tests.clear_authentication();

select throws_ok(
  $$ insert into public.campaigns (name, channel, template, audience, request_id)
     values ('Again', 'email', 'follow_up_day_1', '{}', 'campaign-request-c') $$,
  '23505', null, 'a request id makes one campaign only');
select throws_ok(
  $$ insert into public.campaigns (name, channel, template, audience, request_id)
     values ('Bad', 'email', 'Follow Up', '{}', 'campaign-request-d') $$,
  '23514', null, 'a template is a catalog name, not free text');

select * from finish();
rollback;
