-- Cluster-wide roles of a Supabase database (shared/supabase-protocols.md A.1).
-- Idempotent: safe to run on every start. Passwords are the local-only ones of the
-- Supabase CLI's stack; the cluster listens on loopback only.

-- Several processes (test workers) may run this at once; catalog updates of roles would collide.
select pg_advisory_xact_lock(hashtext('devstack.bootstrap.roles'));

do $$
declare
  spec record;
begin
  for spec in
    select * from (values
      ('anon',                       'nologin'),
      ('authenticated',              'nologin'),
      ('service_role',               'nologin'),
      ('authenticator',              'login'),
      ('supabase_auth_admin',        'login'),
      ('supabase_storage_admin',     'login'),
      ('supabase_realtime_admin',    'login'),
      ('supabase_replication_admin', 'login'),
      ('supabase_read_only_user',    'login'),
      ('dashboard_user',             'nologin'),
      ('postgres',                   'login')
    ) as t(name, login)
  loop
    if not exists (select from pg_roles where rolname = spec.name) then
      execute format('create role %I %s', spec.name, spec.login);
    end if;
  end loop;
end
$$;

-- The API roles inherit (Supabase's 2023 change) and service_role bypasses RLS by attribute.
alter role anon          nologin inherit nobypassrls;
alter role authenticated nologin inherit nobypassrls;
alter role service_role  nologin inherit bypassrls;
alter role anon          set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

-- The gateway logs in as authenticator and switches role per request; NOINHERIT means it
-- holds no privileges of its own until it does.
alter role authenticator login noinherit password 'postgres';
alter role authenticator set statement_timeout = '8s';
grant anon, authenticated, service_role to authenticator;

alter role supabase_auth_admin    login noinherit createrole password 'postgres';
alter role supabase_auth_admin    set search_path = auth;
alter role supabase_storage_admin login noinherit createrole password 'postgres';
alter role supabase_storage_admin set search_path = storage;
alter role supabase_realtime_admin login noinherit createrole replication password 'postgres';
grant anon, authenticated, service_role to supabase_realtime_admin;
alter role supabase_replication_admin login replication password 'postgres';
alter role supabase_read_only_user login bypassrls password 'postgres';
grant pg_read_all_data to supabase_read_only_user;
alter role dashboard_user createdb createrole replication;

-- Locally `postgres` stays a superuser: hosted Supabase demotes it but lets it create
-- extensions and triggers on auth tables through supautils, which is not available here.
-- See docs/decisions/0002-postgres-role-is-superuser-locally.md.
alter role postgres login superuser createdb createrole replication bypassrls password 'postgres';
alter role postgres set search_path = "$user", public, extensions;
