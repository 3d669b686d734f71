-- Profiles: one per auth user, created by a trigger on auth.users (or by
-- create_profile_for_current_user()). Invariants: role is the source of truth for authorization;
-- only an admin changes a role and nobody changes their own upward; email mirrors auth.users and
-- changes only through Auth; a student's parent is a separate contact sharing the account.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  role public.app_role not null default 'student',
  full_name text not null default '' check (length(full_name) <= 200),
  email public.email_address,
  phone public.phone_e164,
  timezone public.time_zone,
  avatar_path text,
  parent_name text check (length(parent_name) <= 200),
  parent_phone public.phone_e164,
  parent_email public.email_address,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is
  'One row per auth user. role decides access; timezone null means the center''s zone; parent_* is the '
  'parent''s own contact (own consents) for a student.';
alter table public.profiles enable row level security;

create policy "Users can read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "Admins can read every profile" on public.profiles
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their students' profiles" on public.profiles
  for select to authenticated using (id in (select private.taught_student_ids()));
create policy "Students can read their instructors' profiles" on public.profiles
  for select to authenticated using (id in (select private.my_instructor_ids()));
create policy "Admins can create profiles" on public.profiles
  for insert to authenticated with check ((select private.is_admin()));
create policy "Users can update their own profile" on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy "Admins can update every profile" on public.profiles
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- No delete policy: a profile goes when its auth user is deleted (Auth admin API).

create index profiles_role_idx on public.profiles (role);
create index profiles_email_idx on public.profiles (email);
create index profiles_phone_idx on public.profiles (phone);
create index profiles_parent_phone_idx on public.profiles (parent_phone);
create index profiles_parent_email_idx on public.profiles (parent_email);

create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();
create trigger profiles_guard_role before update on public.profiles
  for each row execute function private.restrict_column_changes('admin', 'role');
create trigger profiles_guard_identity before update on public.profiles
  for each row execute function private.restrict_column_changes('service', 'id', 'email');

-- From auth.users to a profile -------------------------------------------------------------

create or replace function private.to_email(candidate text) returns public.email_address
language plpgsql immutable set search_path = '' as $$
begin
  return btrim(candidate)::public.email_address;
exception when check_violation then
  return null;
end
$$;
comment on function private.to_email(text) is 'The value as an email_address, or null when it is not one.';

create or replace function private.to_e164(candidate text) returns public.phone_e164
language plpgsql immutable set search_path = '' as $$
begin
  -- Auth stores phones as digits without the leading +.
  return case when candidate ~ '^[0-9]' then '+' || candidate else candidate end::public.phone_e164;
exception when check_violation then
  return null;
end
$$;
comment on function private.to_e164(text) is 'Auth''s phone (digits, maybe with +) as E.164, or null.';

create or replace function private.ensure_profile(user_id uuid) returns public.profiles
language plpgsql security definer set search_path = '' as $$
declare
  created public.profiles;
begin
  insert into public.profiles (id, role, full_name, email, phone)
  select u.id,
         -- app_metadata is writable only by the service (Auth admin API); user_metadata is what
         -- the user typed at sign-up, so it never decides the role.
         coalesce((select r from unnest(enum_range(null::public.app_role)) r
                    where r::text = u.raw_app_meta_data ->> 'role'), 'student'),
         left(coalesce(nullif(btrim(u.raw_user_meta_data ->> 'full_name'), ''),
                       nullif(btrim(u.raw_user_meta_data ->> 'name'), ''), ''), 200),
         private.to_email(u.email),
         private.to_e164(u.phone)
    from auth.users u
   where u.id = user_id
  on conflict (id) do nothing;
  select * into created from public.profiles p where p.id = user_id;
  return created;
end
$$;
comment on function private.ensure_profile(uuid) is
  'Creates the user''s profile from auth.users if missing and returns it. The role comes from '
  'raw_app_meta_data (service-controlled), defaulting to student; user metadata only names the person.';

create or replace function private.create_profile_for_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.ensure_profile(new.id);
  return new;
end
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_profile_for_new_user();

create or replace function private.sync_profile_contact() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.profiles
     set email = private.to_email(new.email),
         phone = coalesce(private.to_e164(new.phone), phone)
   where id = new.id;
  return new;
end
$$;
comment on function private.sync_profile_contact() is 'Auth changed the email or phone: mirror it on the profile.';
create trigger on_auth_user_contact_changed after update of email, phone on auth.users
  for each row when (old.email is distinct from new.email or old.phone is distinct from new.phone)
  execute function private.sync_profile_contact();

create or replace function private.sync_role_to_auth() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update auth.users
     set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || jsonb_build_object('role', new.role)
   where id = new.id;
  return new;
end
$$;
comment on function private.sync_role_to_auth() is
  'Copies a changed role into app_metadata so the next access token carries it for routing in the UI '
  '(authorization still reads profiles).';
create trigger profiles_sync_role_to_auth after update of role on public.profiles
  for each row when (old.role is distinct from new.role)
  execute function private.sync_role_to_auth();

-- RPC ----------------------------------------------------------------------------------------

create or replace function public.create_profile_for_current_user() returns public.profiles
language plpgsql security definer set search_path = '' as $$
begin
  if auth.uid() is null then
    raise exception 'sign in first: there is no user to create a profile for' using errcode = '42501';
  end if;
  return private.ensure_profile(auth.uid());
end
$$;
comment on function public.create_profile_for_current_user() is
  'Creates the caller''s profile if it is missing (idempotent) and returns it.';
revoke execute on function public.create_profile_for_current_user() from public, anon;
grant execute on function public.create_profile_for_current_user() to authenticated, service_role;

revoke execute on all functions in schema private from public;
