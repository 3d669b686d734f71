-- Assignments and students' submissions.

-- Assignments. Invariants: belong to a batch (optionally to one of its sessions); students see
-- only published ones of their batches; max_score is positive.
create table public.assignments (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references public.batches (id) on delete cascade,
  session_id uuid references public.sessions (id) on delete set null,
  title text not null check (length(title) between 1 and 200),
  instructions text,
  due_at timestamptz,
  max_score integer not null default 100 check (max_score > 0),
  attachment_path text,
  published boolean not null default false,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.assignments is
  'Work set for a batch; attachment_path is an object in the materials bucket (<batch_id>/...).';
alter table public.assignments enable row level security;

create policy "Admins can read every assignment" on public.assignments
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their batches' assignments" on public.assignments
  for select to authenticated using (batch_id in (select private.taught_batch_ids()));
create policy "Students can read published assignments of their batches" on public.assignments
  for select to authenticated using (id in (select private.enrolled_assignment_ids()));
create policy "Admins can set assignments" on public.assignments
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can set assignments for their batches" on public.assignments
  for insert to authenticated with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can update assignments" on public.assignments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their batches' assignments" on public.assignments
  for update to authenticated
  using (batch_id in (select private.taught_batch_ids()))
  with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can delete assignments" on public.assignments
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete their batches' assignments" on public.assignments
  for delete to authenticated using (batch_id in (select private.taught_batch_ids()));

create index assignments_batch_idx on public.assignments (batch_id, due_at);
create index assignments_session_idx on public.assignments (session_id);
create index assignments_created_by_idx on public.assignments (created_by);
create trigger assignments_touch_updated_at before update on public.assignments
  for each row execute function private.touch_updated_at();

-- Submissions. Invariants: one per student and assignment; has a file or a text; score is set
-- together with graded_at, lies within 0..max_score, and only an instructor or admin sets it; a
-- student cannot change a submission once it is graded.
create table public.assignment_submissions (
  id uuid primary key default gen_random_uuid(),
  assignment_id uuid not null references public.assignments (id) on delete cascade,
  student_id uuid not null references public.profiles (id) on delete cascade,
  file_path text,
  body text,
  submitted_at timestamptz not null default now(),
  score numeric(7, 2) check (score >= 0),
  feedback text,
  graded_by uuid references public.profiles (id) on delete set null,
  graded_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (assignment_id, student_id),
  check (num_nonnulls(file_path, body) >= 1),
  check ((score is null) = (graded_at is null))
);
comment on table public.assignment_submissions is
  'A student''s answer to an assignment; file_path is in the assignments bucket '
  '(<student_id>/<assignment_id>/<file>). Ungraded = score null.';
alter table public.assignment_submissions enable row level security;

create policy "Admins can read every submission" on public.assignment_submissions
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their batches' submissions" on public.assignment_submissions
  for select to authenticated using (assignment_id in (select private.taught_assignment_ids()));
create policy "Students can read their own submissions" on public.assignment_submissions
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Admins can add submissions" on public.assignment_submissions
  for insert to authenticated with check ((select private.is_admin()));
create policy "Students can submit to their batches' assignments" on public.assignment_submissions
  for insert to authenticated
  with check (student_id = (select auth.uid()) and assignment_id in (select private.enrolled_assignment_ids()));
create policy "Admins can update submissions" on public.assignment_submissions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can grade their batches' submissions" on public.assignment_submissions
  for update to authenticated
  using (assignment_id in (select private.taught_assignment_ids()))
  with check (assignment_id in (select private.taught_assignment_ids()));
create policy "Students can revise their own submissions" on public.assignment_submissions
  for update to authenticated
  using (student_id = (select auth.uid()))
  with check (student_id = (select auth.uid()) and assignment_id in (select private.enrolled_assignment_ids()));
create policy "Admins can delete submissions" on public.assignment_submissions
  for delete to authenticated using ((select private.is_admin()));

create index assignment_submissions_student_idx on public.assignment_submissions (student_id, assignment_id);
create index assignment_submissions_graded_by_idx on public.assignment_submissions (graded_by);
create index assignment_submissions_ungraded_idx on public.assignment_submissions (submitted_at) where score is null;
create index assignment_submissions_submitted_at_idx on public.assignment_submissions (submitted_at desc);

create trigger assignment_submissions_guard_grading before update on public.assignment_submissions
  for each row execute function private.restrict_column_changes('staff', 'score', 'feedback', 'graded_by', 'graded_at');

create or replace function private.check_submission() returns trigger
language plpgsql set search_path = '' as $$
declare
  best integer := (select a.max_score from public.assignments a where a.id = new.assignment_id);
begin
  if not private.is_trusted_session() and not private.is_staff() then
    if tg_op = 'INSERT' and num_nonnulls(new.score, new.feedback, new.graded_by, new.graded_at) > 0 then
      raise exception 'a submission is graded by an instructor, not by its student' using errcode = '42501',
        hint = 'Leave score, feedback, graded_by and graded_at out.';
    end if;
    if tg_op = 'UPDATE' and old.graded_at is not null then
      raise exception 'this submission is already graded and can no longer be changed' using errcode = '42501',
        hint = 'Ask your instructor to reopen it.';
    end if;
  end if;
  if new.score > best then
    raise exception 'score % is above the assignment''s maximum of %', new.score, best using errcode = '23514';
  end if;
  if tg_op = 'UPDATE' and new.score is distinct from old.score then
    new.graded_at := case when new.score is null then null else coalesce(new.graded_at, now()) end;
    new.graded_by := coalesce(auth.uid(), new.graded_by);
  end if;
  new.updated_at := now();
  return new;
end
$$;
comment on function private.check_submission() is
  'BEFORE INSERT/UPDATE (invoker, to see the real caller): students cannot grade or change graded work; '
  'score within max_score; a new score stamps graded_at and graded_by.';
create trigger assignment_submissions_check before insert or update on public.assignment_submissions
  for each row execute function private.check_submission();
create trigger assignment_submissions_audit after insert or update or delete on public.assignment_submissions
  for each row execute function private.record_audit();

revoke execute on all functions in schema private from public;
