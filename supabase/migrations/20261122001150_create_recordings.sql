-- Session recordings and who watched them.

-- Recordings. Invariants: stored in the recordings bucket or at the provider's URL (at least one);
-- students see a recording only once it is visible_to_students and only for their batches.
create type public.recording_provider as enum ('zoom', 'upload');

create table public.recordings (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.sessions (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  storage_path text,
  provider_url text,
  provider public.recording_provider not null,
  provider_recording_id text,
  file_type text,
  size_bytes bigint check (size_bytes >= 0),
  duration_seconds integer check (duration_seconds >= 0),
  visible_to_students boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(storage_path, provider_url) >= 1),
  unique (provider, provider_recording_id)
);
comment on table public.recordings is
  'A recording of a session: storage_path in the recordings bucket (<batch_id>/<session_id>/<file>) '
  'and/or the provider''s URL.';
alter table public.recordings enable row level security;

create policy "Admins can read every recording" on public.recordings
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their sessions' recordings" on public.recordings
  for select to authenticated using (session_id in (select private.taught_session_ids()));
create policy "Students can read visible recordings of their sessions" on public.recordings
  for select to authenticated
  using (visible_to_students and session_id in (select private.enrolled_session_ids()));
create policy "Admins can add recordings" on public.recordings
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can add recordings to their sessions" on public.recordings
  for insert to authenticated with check (session_id in (select private.taught_session_ids()));
create policy "Admins can update recordings" on public.recordings
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their sessions' recordings" on public.recordings
  for update to authenticated
  using (session_id in (select private.taught_session_ids()))
  with check (session_id in (select private.taught_session_ids()));
create policy "Admins can delete recordings" on public.recordings
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete their sessions' recordings" on public.recordings
  for delete to authenticated using (session_id in (select private.taught_session_ids()));

create index recordings_session_idx on public.recordings (session_id);
create trigger recordings_touch_updated_at before update on public.recordings
  for each row execute function private.touch_updated_at();

-- Recording views. Invariant: one progress row per recording and student.
create table public.recording_views (
  id uuid primary key default gen_random_uuid(),
  recording_id uuid not null references public.recordings (id) on delete cascade,
  student_id uuid not null references public.profiles (id) on delete cascade,
  first_viewed_at timestamptz not null default now(),
  last_viewed_at timestamptz not null default now(),
  seconds_watched integer not null default 0 check (seconds_watched >= 0),
  completed boolean not null default false,
  unique (recording_id, student_id)
);
comment on table public.recording_views is 'How much of a recording a student watched.';
alter table public.recording_views enable row level security;

create policy "Admins can read all recording views" on public.recording_views
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read views of their recordings" on public.recording_views
  for select to authenticated
  using (recording_id in (select r.id from public.recordings r where r.session_id in (select private.taught_session_ids())));
create policy "Students can read their own views" on public.recording_views
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Students can record watching a recording" on public.recording_views
  for insert to authenticated
  with check (student_id = (select auth.uid()) and recording_id in (select r.id from public.recordings r));
create policy "Admins can add recording views" on public.recording_views
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update recording views" on public.recording_views
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Students can update their own views" on public.recording_views
  for update to authenticated
  using (student_id = (select auth.uid()))
  with check (student_id = (select auth.uid()) and recording_id in (select r.id from public.recordings r));
create policy "Admins can delete recording views" on public.recording_views
  for delete to authenticated using ((select private.is_admin()));

create index recording_views_student_idx on public.recording_views (student_id);
