-- Student activity: one row per student and day (in the center's zone) on which they attended a
-- session, kept by a trigger on attendance. The dashboard's "active students" then counts a narrow
-- index instead of joining sessions to millions of attendance rows.

-- Invariant: a row exists exactly when the student has an attendance row at a session starting that
-- day (repairs and time zone changes go through private.rebuild_student_activity()).
create table private.student_activity_days (
  day date not null,
  student_id uuid not null references public.profiles (id) on delete cascade,
  primary key (day, student_id)
);
comment on table private.student_activity_days is
  'Days (center zone) on which each student attended a session; read by get_admin_stats().';
alter table private.student_activity_days enable row level security;
create index student_activity_days_student_idx on private.student_activity_days (student_id);

create or replace function private.session_day(session uuid) returns date
language sql stable security definer set search_path = '' as $$
  select (s.starts_at at time zone private.center_timezone())::date from public.sessions s where s.id = session
$$;

create or replace function private.record_student_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from private.student_activity_days d
     where d.student_id = old.student_id and d.day = private.session_day(old.session_id)
       and not exists (select 1 from public.attendance a
                        where a.student_id = old.student_id and a.id <> old.id
                          and private.session_day(a.session_id) = d.day);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.student_activity_days (day, student_id)
    values (private.session_day(new.session_id), new.student_id)
    on conflict do nothing;
  end if;
  return null;
end
$$;
comment on function private.record_student_activity() is
  'AFTER row trigger on attendance: files the attendance under its session''s day; removing the last '
  'attendance of a day removes the day.';
create trigger attendance_record_activity after insert or delete or update of session_id, student_id
  on public.attendance for each row execute function private.record_student_activity();

create or replace function private.rebuild_student_activity() returns void
language plpgsql security definer set search_path = '' as $$
begin
  lock table private.student_activity_days in exclusive mode;
  delete from private.student_activity_days;
  insert into private.student_activity_days (day, student_id)
  select distinct (s.starts_at at time zone private.center_timezone())::date, a.student_id
    from public.attendance a join public.sessions s on s.id = a.session_id;
end
$$;
comment on function private.rebuild_student_activity() is
  'Recounts student activity from attendance (after a time zone change, a bulk load or a repair).';

create trigger center_settings_rebuild_activity after update of timezone on public.center_settings
  for each row when (old.timezone is distinct from new.timezone)
  execute function private.rebuild_after_zone_change('private.rebuild_student_activity');

revoke execute on all functions in schema private from public;
