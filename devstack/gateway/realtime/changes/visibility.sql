-- Which of `rows` (new row images of one table) each subscriber group may read right now, under RLS:
-- for every group, act as its role with its JWT claims (as PostgREST would) and look each row up by
-- primary key. Created per session in pg_temp by the realtime feed; one call per table per batch.
-- A group whose lookup fails (a policy raising, a role without schema usage) gets one row with the
-- error instead of rows, and its role switch is undone with the failed subtransaction.
create function pg_temp.devstack_realtime_visible(entity regclass, pk text[], rows jsonb, groups jsonb)
returns table (grp int, n int, error text)
language plpgsql as $$
declare
  lookup text := format(
    'select $2, e.n::int, null::text'
    ' from jsonb_array_elements($1) with ordinality e(v, n), jsonb_populate_record(null::%s, e.v) p'
    ' where exists (select from %s t where %s)',
    entity, entity,
    (select string_agg(format('t.%1$I is not distinct from p.%1$I', c), ' and ') from unnest(pk) c));
  g record;
begin
  for g in select x ->> 'role' as role, x -> 'claims' as claims, i::int as i
             from jsonb_array_elements(groups) with ordinality as a(x, i) loop
    begin
      perform set_config('role', g.role, true), set_config('request.jwt.claims', g.claims::text, true);
      return query execute lookup using rows, g.i;
      perform set_config('role', 'none', true);
    exception when others then
      return query select g.i, null::int, sqlerrm;
    end;
  end loop;
end
$$;
