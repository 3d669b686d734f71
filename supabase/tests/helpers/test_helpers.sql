-- Helpers for pgTAP files: create users and act as them the way PostgREST does.
-- Installed into schema `tests` by the test runner before pg_prove runs; never by a migration.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- Create an auth user (the profile trigger, where the project has one, runs as on sign-up).
create or replace function tests.create_supabase_user(
  identifier text, email text default null, app_role text default 'student', phone text default null
) returns uuid
language plpgsql as $$
declare
  user_id uuid := extensions.gen_random_uuid();
begin
  perform set_config('role', 'none', true);
  insert into auth.users (instance_id, id, aud, role, email, phone, raw_app_meta_data, raw_user_meta_data,
                          email_confirmed_at, created_at, updated_at)
  values ('00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated',
          coalesce(email, identifier || '@test.local'), phone,
          jsonb_build_object('provider', 'email', 'providers', array['email'], 'role', app_role),
          jsonb_build_object('test_identifier', identifier, 'full_name', initcap(identifier)),
          now(), now(), now());
  return user_id;
end
$$;

-- Security definer rather than a role switch, so that it can sit inside a statement run as a user.
create or replace function tests.get_supabase_uid(identifier text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  found uuid;
begin
  select id into found from auth.users where raw_user_meta_data ->> 'test_identifier' = identifier limit 1;
  if found is null then
    raise exception 'tests: no user with identifier %', identifier;
  end if;
  return found;
end
$$;

-- Act as a signed-in user for the rest of the transaction (claims shaped like Auth's token).
create or replace function tests.authenticate_as(identifier text) returns void
language plpgsql as $$
declare
  person auth.users;
begin
  perform set_config('role', 'none', true);
  select * into person from auth.users where raw_user_meta_data ->> 'test_identifier' = identifier limit 1;
  if person.id is null then
    raise exception 'tests: no user with identifier %', identifier;
  end if;
  perform set_config('request.jwt.claims', jsonb_build_object(
    'sub', person.id, 'role', 'authenticated', 'aud', 'authenticated', 'email', person.email,
    'app_metadata', person.raw_app_meta_data, 'user_metadata', person.raw_user_meta_data,
    'aal', 'aal1', 'is_anonymous', false)::text, true);
  perform set_config('role', 'authenticated', true);
end
$$;

create or replace function tests.authenticate_as_anon() returns void
language plpgsql as $$
begin
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
  perform set_config('role', 'anon', true);
end
$$;

create or replace function tests.authenticate_as_service_role() returns void
language plpgsql as $$
begin
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
  perform set_config('role', 'service_role', true);
end
$$;

-- Back to the test's own (superuser) session role, with no claims.
create or replace function tests.clear_authentication() returns void
language plpgsql as $$
begin
  perform set_config('request.jwt.claims', '', true);
  perform set_config('role', 'none', true);
end
$$;

-- Tables of a schema that do not have row-level security enabled (empty when all do).
create or replace function tests.tables_without_rls(schema_name text default 'public') returns setof text
language sql stable as $$
  select c.relname::text
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = schema_name and c.relkind in ('r', 'p') and not c.relrowsecurity
   order by 1
$$;


-- The RLS matrix ---------------------------------------------------------------------------------
-- A test world (helpers/world.sql) registers labelled fixture rows per table; tests.rls_matrix()
-- then tries select, insert, update and delete on each of them as each actor and compares the
-- labels where the operation succeeded with the expected ones.

create table if not exists tests.fixtures (
  tbl regclass not null,
  scope text not null default '',
  label text not null check (length(label) = 1),
  keys jsonb not null,
  primary key (tbl, scope, label)
);

create or replace function tests.register(tbl regclass, label text, keys jsonb, scope text default '')
returns void
language sql as $$
  insert into tests.fixtures (tbl, scope, label, keys) values (tbl, scope, label, keys);
$$;

-- The id of a fixture row, readable while acting as any user.
create or replace function tests.fixture_id(tbl regclass, label text, scope text default '') returns uuid
language sql stable security definer set search_path = '' as $$
  select (f.keys ->> 'id')::uuid from tests.fixtures f
   where f.tbl = fixture_id.tbl and f.label = fixture_id.label and f.scope = fixture_id.scope
$$;

create or replace function tests.act_as(actor text) returns void
language plpgsql as $$
begin
  if actor = 'anon' then
    perform tests.authenticate_as_anon();
  else
    perform tests.authenticate_as(actor);
  end if;
end
$$;

-- Columns a statement may write (not generated, not identity ALWAYS), in table order.
create or replace function tests.writable_columns(tbl regclass) returns name[]
language sql stable as $$
  select array_agg(attname order by attnum)
    from pg_attribute
   where attrelid = tbl and attnum > 0 and not attisdropped and attgenerated = '' and attidentity <> 'a'
$$;

-- One attempt as `actor`, always rolled back; true when it succeeded on the fixture row (an update
-- sets the first writable column to itself, so only policies and guards can stop it).
-- Refusals (42501, from RLS, privileges or guard triggers) count as false; any other error is a
-- broken test and is raised. Deletes run with triggers off so that an ON DELETE RESTRICT foreign
-- key cannot hide what the policy decided; inserts first remove the row the same way and put it
-- back as the actor.
create or replace function tests.attempt(actor text, operation text, tbl regclass, keys jsonb) returns boolean
language plpgsql as $$
declare
  affected bigint := 0;
  original jsonb;
  writable name[] := tests.writable_columns(tbl);
  columns text := (select string_agg(quote_ident(c), ', ') from unnest(writable) c);
begin
  begin
    perform set_config('storage.allow_delete_query', 'true', true);
    if operation = 'insert' then
      execute format('select to_jsonb(t) from %s t where to_jsonb(t) @> $1', tbl) into original using keys;
      perform set_config('session_replication_role', 'replica', true);
      execute format('delete from %s t where to_jsonb(t) @> $1', tbl) using keys;
      perform set_config('session_replication_role', 'origin', true);
    elsif operation = 'delete' then
      perform set_config('session_replication_role', 'replica', true);
    end if;
    perform tests.act_as(actor);
    case operation
      when 'select' then
        execute format('select count(*) from %s t where to_jsonb(t) @> $1', tbl) into affected using keys;
      when 'insert' then
        execute format('insert into %1$s (%2$s) select %2$s from jsonb_populate_record(null::%1$s, $1)', tbl, columns)
          using original;
        get diagnostics affected = row_count;
      when 'update' then
        execute format('update %s t set %I = %I where to_jsonb(t) @> $1', tbl, writable[1], writable[1]) using keys;
        get diagnostics affected = row_count;
      when 'delete' then
        execute format('delete from %s t where to_jsonb(t) @> $1', tbl) using keys;
        get diagnostics affected = row_count;
    end case;
    raise exception using errcode = 'TSRBK';
  exception
    when sqlstate 'TSRBK' then null;
    when insufficient_privilege then affected := 0;
  end;
  return affected > 0;
end
$$;

-- The labels of tbl's fixtures (within scope) on which `operation` succeeds for `actor`, or '-'.
create or replace function tests.allowed_labels(actor text, operation text, tbl regclass, scope text default '')
returns text
language plpgsql as $$
declare
  fixture record;
  labels text := '';
begin
  for fixture in select f.label, f.keys from tests.fixtures f where f.tbl = allowed_labels.tbl
                    and f.scope = allowed_labels.scope order by f.label loop
    if tests.attempt(actor, operation, tbl, fixture.keys) then
      labels := labels || fixture.label;
    end if;
  end loop;
  return coalesce(nullif(labels, ''), '-');
end
$$;

create or replace function tests.sorted_labels(labels text) returns text
language sql immutable as $$
  select coalesce(nullif(string_agg(c, '' order by c), ''), '-')
    from regexp_split_to_table(labels, '') c where c ~ '[A-Za-z0-9]'
$$;

-- expectations: one array per actor: [actor, select, insert, update, delete]; each cell lists the
-- labels on which the operation succeeds ('-' for none). Emits 25 TAP lines: coverage, then 24.
create or replace function tests.rls_matrix(tbl regclass, expectations text[], scope text default '')
returns setof text
language plpgsql as $$
declare
  actors constant text[] := array['anon', 'student_a', 'student_b', 'instructor_a', 'instructor_b', 'admin'];
  operations constant text[] := array['select', 'insert', 'update', 'delete'];
  described text := tbl::text || case when scope <> '' then ' (' || scope || ')' else '' end;
  i integer;
  j integer;
begin
  return next ok(
    (select array_agg(expectations[k][1] order by k) from generate_subscripts(expectations, 1) k) = actors
    and exists (select 1 from tests.fixtures f where f.tbl = rls_matrix.tbl and f.scope = rls_matrix.scope),
    format('the matrix of %s lists every actor in order and the world has rows for it', described));
  for i in 1 .. array_length(expectations, 1) loop
    for j in 1 .. 4 loop
      return next is(
        tests.allowed_labels(expectations[i][1], operations[j], tbl, scope),
        tests.sorted_labels(expectations[i][j + 1]),
        format('%s: %s on %s succeeds for %s', expectations[i][1], operations[j], described,
               tests.sorted_labels(expectations[i][j + 1])));
    end loop;
  end loop;
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
