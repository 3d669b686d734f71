-- Every table in public has row-level security enabled: a new table without it fails here.
begin;
select plan(1);

select is_empty(
  $$ select * from tests.tables_without_rls('public') $$,
  'every table in public has row-level security enabled'
);

select * from finish();
rollback;
