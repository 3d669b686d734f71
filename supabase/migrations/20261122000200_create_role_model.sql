-- The role model. profiles.role is the only source of truth for what a user may do (JWT claims
-- are never trusted for authorization). Policies call these helpers through `(select ...)` so
-- Postgres evaluates each once per query; the set-returning ones are used as `col in (select ...)`.
--
-- They are plpgsql so that they can be declared before the tables they read (plpgsql bodies are
-- resolved when first run), and security definer so that they read those tables without RLS
-- (no policy recursion) while exposing only booleans and ids about the caller.

create type public.app_role as enum ('admin', 'instructor', 'student');
comment on type public.app_role is 'What a user is to the center; stored on profiles.role.';

create or replace function private.app_role() returns public.app_role
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select p.role from public.profiles p where p.id = auth.uid());
end
$$;
comment on function private.app_role() is 'The caller''s role from profiles, or null for anon and unknown users.';

create or replace function private.is_admin() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce(private.app_role() = 'admin', false);
end
$$;

create or replace function private.is_staff() returns boolean
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce(private.app_role() in ('admin', 'instructor'), false);
end
$$;
comment on function private.is_staff() is 'Admin or instructor.';

create or replace function private.require_admin(action text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception 'only an admin can %', action using errcode = '42501',
      hint = 'Sign in with an admin account.';
  end if;
end
$$;
comment on function private.require_admin(text) is 'Raises 42501 naming the action unless the caller is an admin.';

-- Invoker on purpose: inside a security definer function current_user is the owner.
create or replace function private.is_trusted_session() returns boolean
language plpgsql stable set search_path = '' as $$
begin
  return current_user not in ('anon', 'authenticated');
end
$$;
comment on function private.is_trusted_session() is
  'True for the service, Auth and migrations (any role other than the two end-user API roles); '
  'guard triggers let such sessions through because they do their own checks.';

-- Batches --------------------------------------------------------------------------------

create or replace function private.taught_batch_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select b.id from public.batches b where b.instructor_id = auth.uid();
end
$$;

create or replace function private.enrolled_batch_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select e.batch_id from public.enrollments e
     where e.student_id = auth.uid() and e.status in ('active', 'completed');
end
$$;
comment on function private.enrolled_batch_ids() is
  'Batches the caller studies in; a pending (unpaid) or cancelled enrollment gives no access.';

create or replace function private.enrolled_course_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select distinct b.course_id from public.batches b
     where b.id in (select private.enrolled_batch_ids());
end
$$;

create or replace function private.taught_student_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select distinct e.student_id from public.enrollments e
     where e.batch_id in (select private.taught_batch_ids());
end
$$;

create or replace function private.my_instructor_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select distinct b.instructor_id from public.batches b
     where b.id in (select private.enrolled_batch_ids()) and b.instructor_id is not null;
end
$$;

-- Things that belong to a batch ------------------------------------------------------------

create or replace function private.taught_session_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select s.id from public.sessions s where s.batch_id in (select private.taught_batch_ids());
end
$$;

create or replace function private.enrolled_session_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select s.id from public.sessions s where s.batch_id in (select private.enrolled_batch_ids());
end
$$;

create or replace function private.taught_assignment_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select a.id from public.assignments a where a.batch_id in (select private.taught_batch_ids());
end
$$;

create or replace function private.enrolled_assignment_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select a.id from public.assignments a
     where a.published and a.batch_id in (select private.enrolled_batch_ids());
end
$$;
comment on function private.enrolled_assignment_ids() is 'Published assignments of the caller''s batches.';

create or replace function private.taught_exam_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query select x.id from public.exams x where x.batch_id in (select private.taught_batch_ids());
end
$$;

create or replace function private.enrolled_exam_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select x.id from public.exams x
     where x.published and x.batch_id in (select private.enrolled_batch_ids());
end
$$;
comment on function private.enrolled_exam_ids() is 'Published exams of the caller''s batches.';

revoke execute on all functions in schema private from public;
grant execute on function
  private.app_role(), private.is_admin(), private.is_staff(), private.is_trusted_session(),
  private.taught_batch_ids(), private.enrolled_batch_ids(), private.enrolled_course_ids(),
  private.taught_student_ids(), private.my_instructor_ids(),
  private.taught_session_ids(), private.enrolled_session_ids(),
  private.taught_assignment_ids(), private.enrolled_assignment_ids(),
  private.taught_exam_ids(), private.enrolled_exam_ids()
  to anon, authenticated, service_role;

-- Column guards ----------------------------------------------------------------------------

create or replace function private.restrict_column_changes() returns trigger
language plpgsql set search_path = '' as $$
declare
  who text := tg_argv[0];
  column_name text;
begin
  if private.is_trusted_session()
     or (who = 'admin' and private.is_admin())
     or (who = 'staff' and private.is_staff()) then
    return new;
  end if;
  foreach column_name in array tg_argv[1:] loop
    if (to_jsonb(new) -> column_name) is distinct from (to_jsonb(old) -> column_name) then
      raise exception '%.% can only be changed by %', tg_table_name, column_name,
        case who when 'admin' then 'an admin' when 'staff' then 'an instructor or an admin'
                 else 'the service' end
        using errcode = '42501',
              hint = 'Leave this column out of the update.';
    end if;
  end loop;
  return new;
end
$$;
comment on function private.restrict_column_changes() is
  'BEFORE UPDATE guard (security invoker, so it sees the real caller). Arguments: who may change the '
  'columns (admin, staff or service), then the column names. End users get 42501 for any other change.';

revoke execute on all functions in schema private from public;
