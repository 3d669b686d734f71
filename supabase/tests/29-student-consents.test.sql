-- A student answers for their household on their profile page (docs/decisions/0681): they cannot lift a
-- provider suppression (bounce, spam report) or their parent's own STOP, and what they write is recorded as
-- their profile's answer whatever source they send. Admins and the service are not limited.
begin;
select plan(9);
select tests.build_world();

update public.consents set state = 'opted_out', source = 'email_bounce'
 where id = tests.fixture_id('public.consents', 'A');
insert into public.consents (profile_id, party, channel, state, source) values
  (tests.get_supabase_uid('student_a'), 'parent', 'email', 'opted_out', 'spam_report'),
  (tests.get_supabase_uid('student_a'), 'parent', 'whatsapp', 'opted_out', 'inbound_keyword'),
  (tests.get_supabase_uid('student_a'), 'self', 'whatsapp', 'opted_out', 'inbound_keyword'),
  (tests.get_supabase_uid('student_a'), 'parent', 'call', 'opted_in', 'profile');

select tests.authenticate_as('student_a');
select throws_ok(
  $$ update public.consents set state = 'opted_in', source = 'form' where party = 'self' and channel = 'email' $$,
  '42501', 'Our emails to this address bounced, so the center stopped sending them.',
  'a student cannot lift the hard bounce that stopped email to them');
select throws_ok(
  $$ update public.consents set state = 'opted_in' where party = 'parent' and channel = 'email' $$,
  '42501', 'This address marked our email as spam, so the center stopped sending to it.',
  'a student cannot lift their parent''s spam report');
select throws_ok(
  $$ update public.consents set state = 'opted_in', source = 'inbound_keyword'
      where party = 'parent' and channel = 'whatsapp' $$,
  '42501', 'Your parent asked us to stop contacting them here, so only they can change it.',
  'a student cannot overwrite the STOP their parent sent');
select throws_ok(
  $$ update public.consents set state = 'opted_in', source = 'form' $$,
  '42501', null, 'a student''s update of all their rows is refused whole, not applied to some');

update public.consents set state = 'opted_in', source = 'form' where party = 'self' and channel = 'whatsapp';
update public.consents set state = 'opted_out', source = 'admin' where party = 'parent' and channel = 'call';
insert into public.consents (profile_id, channel, state, source)
values (auth.uid(), 'call', 'opted_out', 'email_bounce');
select results_eq(
  $$ select party::text, channel::text, state::text, source::text from public.consents
      where party::text || channel::text in ('selfwhatsapp', 'parentcall', 'selfcall') order by 1, 2 $$,
  $$ values ('parent', 'call', 'opted_out', 'profile'), ('self', 'call', 'opted_out', 'profile'),
            ('self', 'whatsapp', 'opted_in', 'profile') $$,
  'a student lifts their own STOP and answers for their parent, each recorded as their profile''s answer');
select results_eq(
  $$ select party::text, channel::text, state::text, source::text from public.consents
      where source <> 'profile' order by 1, 2 $$,
  $$ values ('parent', 'email', 'opted_out', 'spam_report'), ('parent', 'whatsapp', 'opted_out', 'inbound_keyword'),
            ('self', 'email', 'opted_out', 'email_bounce') $$,
  'the suppressions and the parent''s STOP are left as they were');

select tests.authenticate_as('admin');
select lives_ok(
  $$ update public.consents set state = 'opted_in', source = 'admin'
      where profile_id = tests.get_supabase_uid('student_a') and source in ('email_bounce', 'spam_report') $$,
  'an admin can lift a suppression');
select is(
  (select string_agg(source::text, ',' order by party) from public.consents
    where profile_id = tests.get_supabase_uid('student_a') and channel = 'email'),
  'admin,admin', 'an admin''s change keeps the source they give');

select tests.authenticate_as_service_role();
select lives_ok(
  $$ update public.consents set state = 'opted_in', source = 'inbound_keyword'
      where profile_id = tests.get_supabase_uid('student_a') and party = 'parent' and channel = 'whatsapp' $$,
  'the service records the parent''s START');

select * from finish();
rollback;
