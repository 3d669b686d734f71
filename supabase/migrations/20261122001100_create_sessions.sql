-- Teaching live: sessions, their host links, attendance, reminders and feedback.

create type public.session_status as enum ('scheduled', 'live', 'completed', 'cancelled');
create type public.recording_status as enum ('none', 'processing', 'available', 'failed');

-- Sessions. Invariants: a session belongs to one batch; zoom_meeting_id is unique; attendee_count
-- counts attendance rows and expected_count is the batch's active enrollments when the session was
-- completed (both kept by triggers, for the attendance rate).
create table public.sessions (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references public.batches (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  description text,
  starts_at timestamptz not null,
  duration_minutes smallint not null check (duration_minutes between 1 and 600),
  status public.session_status not null default 'scheduled',
  zoom_meeting_id text unique,
  join_url text,
  passcode text,
  recording_status public.recording_status not null default 'none',
  attendee_count integer not null default 0 check (attendee_count >= 0),
  expected_count integer check (expected_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.sessions is
  'A live class of a batch, usually a Zoom meeting (join_url and passcode are for students; the host''s '
  'start URL lives in session_host_links).';
alter table public.sessions enable row level security;

create policy "Admins can read every session" on public.sessions
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their batches' sessions" on public.sessions
  for select to authenticated using (batch_id in (select private.taught_batch_ids()));
create policy "Students can read their batches' sessions" on public.sessions
  for select to authenticated using (batch_id in (select private.enrolled_batch_ids()));
create policy "Admins can schedule sessions" on public.sessions
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can schedule sessions for their batches" on public.sessions
  for insert to authenticated with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can update sessions" on public.sessions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their batches' sessions" on public.sessions
  for update to authenticated
  using (batch_id in (select private.taught_batch_ids()))
  with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can delete sessions" on public.sessions
  for delete to authenticated using ((select private.is_admin()));

create index sessions_batch_idx on public.sessions (batch_id, starts_at);
create index sessions_starts_at_idx on public.sessions (starts_at) include (status, attendee_count, expected_count);
create index sessions_upcoming_idx on public.sessions (starts_at) where status = 'scheduled';

create trigger sessions_touch_updated_at before update on public.sessions
  for each row execute function private.touch_updated_at();
create trigger sessions_guard_counters before update on public.sessions
  for each row execute function private.restrict_column_changes('service', 'attendee_count', 'expected_count');

create or replace function private.snapshot_expected_attendance() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.expected_count := (select b.active_enrollments from public.batches b where b.id = new.batch_id);
  return new;
end
$$;
create trigger sessions_snapshot_expected before insert or update of status on public.sessions
  for each row when (new.status = 'completed' and new.expected_count is null)
  execute function private.snapshot_expected_attendance();

-- Host links. Invariant: never readable by students (a start URL makes its holder the host).
create table public.session_host_links (
  session_id uuid primary key references public.sessions (id) on delete cascade,
  start_url text not null,
  host_email public.email_address,
  expires_at timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.session_host_links is
  'Zoom''s host start URL of a session, for its instructor and admins only.';
alter table public.session_host_links enable row level security;

create policy "Admins can read host links" on public.session_host_links
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their sessions' host links" on public.session_host_links
  for select to authenticated using (session_id in (select private.taught_session_ids()));
create policy "Admins can create host links" on public.session_host_links
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update host links" on public.session_host_links
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete host links" on public.session_host_links
  for delete to authenticated using ((select private.is_admin()));

create trigger session_host_links_touch_updated_at before update on public.session_host_links
  for each row execute function private.touch_updated_at();

-- Attendance. Invariants: a row means the student was present; one per session and student.
create type public.attendance_source as enum ('zoom', 'manual', 'self');

create table public.attendance (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  student_id uuid not null references public.profiles (id) on delete cascade,
  joined_at timestamptz,
  left_at timestamptz,
  minutes integer check (minutes >= 0),
  source public.attendance_source not null default 'manual',
  created_at timestamptz not null default now(),
  unique (session_id, student_id),
  check (left_at >= joined_at)
);
comment on table public.attendance is
  'Presence of a student at a session (absence = no row); minutes from Zoom''s participant report.';
alter table public.attendance enable row level security;

create policy "Admins can read all attendance" on public.attendance
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their sessions' attendance" on public.attendance
  for select to authenticated using (session_id in (select private.taught_session_ids()));
create policy "Students can read their own attendance" on public.attendance
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Admins can record attendance" on public.attendance
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can record attendance at their sessions" on public.attendance
  for insert to authenticated with check (session_id in (select private.taught_session_ids()));
create policy "Admins can correct attendance" on public.attendance
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can correct attendance at their sessions" on public.attendance
  for update to authenticated
  using (session_id in (select private.taught_session_ids()))
  with check (session_id in (select private.taught_session_ids()));
create policy "Admins can delete attendance" on public.attendance
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete attendance at their sessions" on public.attendance
  for delete to authenticated using (session_id in (select private.taught_session_ids()));

create index attendance_student_idx on public.attendance (student_id, session_id);
create index attendance_created_at_idx on public.attendance (created_at) include (student_id);

create or replace function private.count_attendees() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update public.sessions set attendee_count = attendee_count - 1 where id = old.session_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.sessions set attendee_count = attendee_count + 1 where id = new.session_id;
  end if;
  return null;
end
$$;
create trigger attendance_count_attendees after insert or delete or update of session_id on public.attendance
  for each row execute function private.count_attendees();

-- Reminders. Invariant: at most one per session, recipient, kind and channel, so the reminder tick
-- can run anywhere, any number of times.
create type public.reminder_kind as enum ('24h', '15m');
create type public.reminder_status as enum ('pending', 'queued', 'sent', 'skipped', 'failed');

create table public.reminders (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  kind public.reminder_kind not null,
  channel public.contact_channel not null,
  status public.reminder_status not null default 'pending',
  outbox_id uuid references public.outbox (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (session_id, recipient_id, kind, channel)
);
comment on table public.reminders is 'A session reminder to one person on one channel; outbox_id is the message.';
alter table public.reminders enable row level security;

create policy "Admins can read reminders" on public.reminders
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create reminders" on public.reminders
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update reminders" on public.reminders
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete reminders" on public.reminders
  for delete to authenticated using ((select private.is_admin()));

create index reminders_recipient_idx on public.reminders (recipient_id);
create index reminders_outbox_idx on public.reminders (outbox_id);
create trigger reminders_touch_updated_at before update on public.reminders
  for each row execute function private.touch_updated_at();

-- Session feedback. Invariant: one per session and student, from a student of that session's batch.
create table public.session_feedback (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  student_id uuid not null references public.profiles (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  comment text check (length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (session_id, student_id)
);
comment on table public.session_feedback is 'A student''s 1-5 rating of a session, with an optional comment.';
alter table public.session_feedback enable row level security;

create policy "Admins can read all feedback" on public.session_feedback
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read feedback on their sessions" on public.session_feedback
  for select to authenticated using (session_id in (select private.taught_session_ids()));
create policy "Students can read their own feedback" on public.session_feedback
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Students can give feedback on their sessions" on public.session_feedback
  for insert to authenticated
  with check (student_id = (select auth.uid()) and session_id in (select private.enrolled_session_ids()));
create policy "Admins can add feedback" on public.session_feedback
  for insert to authenticated with check ((select private.is_admin()));
create policy "Students can edit their own feedback" on public.session_feedback
  for update to authenticated
  using (student_id = (select auth.uid()))
  with check (student_id = (select auth.uid()) and session_id in (select private.enrolled_session_ids()));
create policy "Admins can update feedback" on public.session_feedback
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete feedback" on public.session_feedback
  for delete to authenticated using ((select private.is_admin()));

create index session_feedback_student_idx on public.session_feedback (student_id);
create trigger session_feedback_touch_updated_at before update on public.session_feedback
  for each row execute function private.touch_updated_at();

revoke execute on all functions in schema private from public;
