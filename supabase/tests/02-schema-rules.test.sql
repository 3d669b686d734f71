-- Rules every part of the schema keeps: documented invariants, indexed foreign keys, pinned search
-- paths, closed private helpers, no TRUNCATE for API roles, and the realtime publication.
begin;
select plan(9);

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and obj_description(c.oid, 'pg_class') is null $$,
  'every table in public carries a comment with its invariants');

select is_empty(
  $$ select con.conrelid::regclass::text || ' ' || con.conname
       from pg_constraint con join pg_namespace n on n.oid = con.connamespace
      where con.contype = 'f' and n.nspname in ('public', 'private')
        and not exists (select 1 from pg_index i
                         where i.indrelid = con.conrelid
                           and (i.indkey::int2[])[0:cardinality(con.conkey) - 1] = con.conkey
                           and (i.indpred is null
                                or pg_get_expr(i.indpred, i.indrelid)
                                   = format('(%I IS NOT NULL)', (select attname from pg_attribute
                                                                  where attrelid = con.conrelid
                                                                    and attnum = con.conkey[1])))) $$,
  'every foreign key has an index that starts with its columns (partial only by "is not null")');

select is_empty(
  $$ select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'private') and p.prosecdef
        and not coalesce(p.proconfig @> array['search_path=""'], false) $$,
  'every security definer function pins an empty search_path');

select is_empty(
  $$ select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'private' and has_function_privilege('anon', p.oid, 'execute')
        and p.proname not in ('app_role', 'is_admin', 'is_staff', 'is_trusted_session', 'is_time_zone',
                              'center_timezone', 'taught_batch_ids', 'enrolled_batch_ids', 'enrolled_course_ids',
                              'taught_student_ids', 'my_instructor_ids', 'taught_session_ids',
                              'enrolled_session_ids', 'taught_assignment_ids', 'enrolled_assignment_ids',
                              'taught_exam_ids', 'enrolled_exam_ids', 'opened_exam_ids') $$,
  'anon can execute only the private helpers that policies call');

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and (has_table_privilege('anon', c.oid, 'truncate') or has_table_privilege('authenticated', c.oid, 'truncate')) $$,
  'API roles cannot TRUNCATE (which RLS would not stop)');

select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'private' and c.relkind = 'r'
        and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select')
             or has_table_privilege('service_role', c.oid, 'select')) $$,
  'no API role can read a table of the private schema');

select results_eq(
  $$ select p.oid::regprocedure::text, has_function_privilege('anon', p.oid, 'execute'),
            has_function_privilege('authenticated', p.oid, 'execute')
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' order by 1 $$,
  $$ values ('campaign_status_counts(uuid)', false, true),
            ('create_profile_for_current_user()', false, true),
            ('get_action_counts()', false, true),
            ('get_admin_stats()', false, true),
            ('get_funnel(date,date)', false, true),
            ('get_recent_activity(integer)', false, true),
            ('get_student_progress(uuid)', false, true),
            ('list_provider_credentials()', false, true),
            ('make_lead_of_unverified_sender(uuid,text)', false, true),
            ('submit_exam_attempt(uuid,jsonb)', false, true),
            ('verify_certificate(text)', true, true) $$,
  'the RPCs and who may call them: only verify_certificate is open to anon');

select results_eq(
  $$ select tablename::text collate "default" from pg_publication_tables where pubname = 'supabase_realtime' order by 1 $$,
  $$ values ('campaigns'), ('conversations'), ('crm_messages'), ('lead_imports'), ('notifications'),
            ('ticket_messages') $$,
  'the live tables are in the supabase_realtime publication');

select results_eq(
  $$ select relname::text collate "default", relreplident::text from pg_class
      where oid in ('public.notifications'::regclass, 'public.conversations'::regclass, 'public.crm_messages'::regclass)
      order by 1 $$,
  $$ values ('conversations', 'f'), ('crm_messages', 'd'), ('notifications', 'f') $$,
  'old values travel for notifications and conversations, not for the high-volume timeline');

select * from finish();
rollback;
