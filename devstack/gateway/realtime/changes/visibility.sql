-- Which of `rows` (new row images of one table) each subscriber group may read right now, under RLS:
-- for every group, act as its role with its JWT claims (as PostgREST would) and look each row up by
-- primary key. Created per session in pg_temp by the realtime feed; one call per table per batch
-- (answering nothing for a table without RLS).
-- The lookup of each table lives in a function of its own, created on first use, so that its query is
-- static: PL/pgSQL keeps its plan across groups and batches (a plan made under RLS for a role is reused
-- while the role is the same), where a dynamic query would be planned again for every group.
-- A group whose lookup fails (a policy raising, a role without schema usage) gets one row with the
-- error instead of rows, and its role switch is undone with the failed subtransaction.
create function pg_temp.devstack_realtime_visible(entity regclass, pk text[], rows jsonb, groups jsonb)
returns table (grp int, n int, error text)
language plpgsql as $$
declare
  lookup text := format('pg_temp.devstack_realtime_visible_%s_%s', entity::oid, left(md5(pk::text), 8));
begin
  if not (select relrowsecurity from pg_class where oid = entity) then
    return;  -- without RLS there is nothing to check (the caller knows the table has none)
  end if;
  if to_regproc(lookup) is null then
    execute format($ddl$
      create function %1$s(rows jsonb, groups jsonb) returns table (grp int, n int, error text)
      language plpgsql as $lookup$
      declare
        g record;
      begin
        for g in select x ->> 'role' as role, x -> 'claims' as claims, i::int as i
                   from jsonb_array_elements(groups) with ordinality as a(x, i) loop
          begin
            perform set_config('role', g.role, true), set_config('request.jwt.claims', g.claims::text, true);
            return query
              select g.i, e.n::int, null::text
                from jsonb_array_elements(rows) with ordinality e(v, n), jsonb_populate_record(null::%2$s, e.v) p
               where exists (select from %2$s t where %3$s);
            perform set_config('role', 'none', true);
          exception when others then
            return query select g.i, null::int, sqlerrm;
          end;
        end loop;
      end
      $lookup$ $ddl$,
      lookup, entity,
      (select string_agg(format('t.%1$I = p.%1$I', c), ' and ') from unnest(pk) c));
  end if;
  return query execute format('select * from %s($1, $2)', lookup) using rows, groups;
end
$$;
