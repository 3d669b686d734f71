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

create or replace function tests.get_supabase_uid(identifier text) returns uuid
language plpgsql as $$
declare
  found uuid;
begin
  perform set_config('role', 'none', true);
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

grant execute on all functions in schema tests to anon, authenticated, service_role;
