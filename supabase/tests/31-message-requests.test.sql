-- What each admin request id asked (decisions 0696, 0698): one row per scope and id, an object of what was asked;
-- closed to every API role, admins included (only the service reads and writes it).
begin;
select plan(10);
select tests.build_world();

select ok((select relrowsecurity from pg_class where oid = 'private.message_requests'::regclass),
  'the request ids table has row-level security enabled');

insert into private.message_requests (scope, request_id, content)
values ('bulk', 'bulk-0001', '{"channel": "email", "template": "follow_up_day_1", "segment": {}}');
select throws_ok($$ insert into private.message_requests (scope, request_id, content)
                    values ('bulk', 'bulk-0001', '{"channel": "whatsapp"}') $$, '23505', null,
  'an id is kept once per scope');
select lives_ok($$ insert into private.message_requests (scope, request_id, content)
                   values ('template', 'bulk-0001', '{"channel": "whatsapp"}') $$,
  'the same id in another scope is another request');
select lives_ok($$ insert into private.message_requests (scope, request_id, content)
                   values ('campaign', 'c-1', '{"name": "Batch starts soon", "audience": {}}') $$,
  'a campaign''s request id is remembered');
select lives_ok($$ insert into private.message_requests (scope, request_id, content)
                   values ('reply', 'r-1', '{"channel": "email", "body": "See you"}') $$,
  'a CRM reply''s request id is remembered');
select throws_ok($$ insert into private.message_requests (scope, request_id, content)
                    values ('call', 'c-1', '{}') $$, '23514', null,
  'only the template, bulk, campaign and reply scopes');
select throws_ok($$ insert into private.message_requests (scope, request_id, content)
                    values ('bulk', 'bulk-0002', '[]') $$, '23514', null, 'what was asked is an object');

select tests.authenticate_as_anon();
select throws_ok($$ select * from private.message_requests $$, '42501', null, 'anon cannot read them');
select tests.authenticate_as('student_a');
select throws_ok($$ select * from private.message_requests $$, '42501', null, 'a student cannot read them');
select tests.authenticate_as('admin');
select throws_ok($$ delete from private.message_requests $$, '42501', null,
  'an admin cannot forget one to reuse its id');

select * from finish();
rollback;
