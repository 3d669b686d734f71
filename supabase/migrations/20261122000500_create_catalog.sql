-- The catalog and who studies where: courses, their batches, and enrollments.

-- Courses. Invariants: price in integer paise with its currency; slug is the public URL name;
-- only published courses are visible outside the staff.
create table public.courses (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null check (length(title) between 1 and 200),
  summary text,
  description text,
  price_paise bigint not null check (price_paise >= 0),
  currency public.currency_code not null default 'INR',
  duration_weeks smallint check (duration_weeks > 0),
  syllabus_path text,
  cover_image_path text,
  published boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.courses is
  'What the center sells. price_paise + currency is the list price; syllabus_path and cover_image_path '
  'are objects in the course-files bucket.';
alter table public.courses enable row level security;

create policy "Anyone can read published courses" on public.courses
  for select to anon, authenticated using (published);
create policy "Staff can read every course" on public.courses
  for select to authenticated using ((select private.is_staff()));
create policy "Students can read the courses they are enrolled in" on public.courses
  for select to authenticated using (id in (select private.enrolled_course_ids()));
create policy "Admins can create courses" on public.courses
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update courses" on public.courses
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete courses" on public.courses
  for delete to authenticated using ((select private.is_admin()));

create index courses_published_idx on public.courses (published) where published;
create trigger courses_touch_updated_at before update on public.courses
  for each row execute function private.touch_updated_at();

-- Batches. Invariants: a batch belongs to one course and is taught by one instructor (role
-- instructor or admin); active_enrollments counts active enrollments and never exceeds capacity.
create type public.batch_status as enum ('planned', 'open', 'running', 'completed', 'cancelled');

create table public.batches (
  id uuid primary key default gen_random_uuid(),
  course_id uuid not null references public.courses (id) on delete restrict,
  name text not null check (length(name) between 1 and 200),
  starts_on date not null,
  ends_on date check (ends_on >= starts_on),
  weekly_pattern jsonb not null default '[]' check (jsonb_typeof(weekly_pattern) = 'array'),
  timezone public.time_zone not null default 'Asia/Kolkata',
  capacity integer check (capacity > 0),
  active_enrollments integer not null default 0 check (active_enrollments >= 0),
  instructor_id uuid references public.profiles (id) on delete set null,
  status public.batch_status not null default 'planned',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (course_id, name)
);
comment on table public.batches is
  'A run of a course. weekly_pattern: [{"weekday": 1-7 (ISO, Monday 1), "start": "HH:MM", "minutes": n}] '
  'in the batch''s timezone. capacity null means unlimited. active_enrollments is kept by triggers.';
alter table public.batches enable row level security;

create policy "Anyone can read open batches of published courses" on public.batches
  for select to anon, authenticated
  using (status in ('planned', 'open') and course_id in (select c.id from public.courses c where c.published));
create policy "Admins can read every batch" on public.batches
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read the batches they teach" on public.batches
  for select to authenticated using (instructor_id = (select auth.uid()));
create policy "Students can read the batches they are enrolled in" on public.batches
  for select to authenticated using (id in (select private.enrolled_batch_ids()));
create policy "Admins can create batches" on public.batches
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update batches" on public.batches
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete batches" on public.batches
  for delete to authenticated using ((select private.is_admin()));

create index batches_course_idx on public.batches (course_id);
create index batches_instructor_idx on public.batches (instructor_id);
create index batches_status_idx on public.batches (status);

create trigger batches_touch_updated_at before update on public.batches
  for each row execute function private.touch_updated_at();
create trigger batches_guard_counters before update on public.batches
  for each row execute function private.restrict_column_changes('service', 'active_enrollments');

create or replace function private.check_batch_instructor() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.instructor_id is not null and not exists (
    select 1 from public.profiles p where p.id = new.instructor_id and p.role in ('instructor', 'admin')
  ) then
    raise exception 'batches.instructor_id must be an instructor or an admin' using errcode = '23514',
      hint = 'Give the person the instructor role first, or pick another instructor.';
  end if;
  return new;
end
$$;
create trigger batches_check_instructor before insert or update of instructor_id on public.batches
  for each row execute function private.check_batch_instructor();

-- Enrollments. Invariants: one per student and batch; only active and completed enrollments
-- open the batch's content to the student; activating one beyond capacity fails.
create type public.enrollment_status as enum ('pending', 'active', 'completed', 'cancelled');

create table public.enrollments (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.profiles (id) on delete cascade,
  batch_id uuid not null references public.batches (id) on delete restrict,
  status public.enrollment_status not null default 'pending',
  payment_id uuid,
  enrolled_at timestamptz not null default now(),
  activated_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  updated_at timestamptz not null default now(),
  unique (student_id, batch_id)
);
comment on table public.enrollments is
  'A student in a batch. pending = awaiting payment; active and completed open the batch''s sessions, '
  'recordings, assignments and exams; payment_id is the payment that paid for it.';
alter table public.enrollments enable row level security;

create policy "Admins can read every enrollment" on public.enrollments
  for select to authenticated using ((select private.is_admin()));
create policy "Students can read their own enrollments" on public.enrollments
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Instructors can read their batches' enrollments" on public.enrollments
  for select to authenticated using (batch_id in (select private.taught_batch_ids()));
create policy "Admins can create enrollments" on public.enrollments
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update enrollments" on public.enrollments
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete enrollments" on public.enrollments
  for delete to authenticated using ((select private.is_admin()));

create index enrollments_batch_idx on public.enrollments (batch_id, status);
create index enrollments_payment_idx on public.enrollments (payment_id);
create index enrollments_activated_at_idx on public.enrollments (activated_at);

create trigger enrollments_stamp_status before insert or update of status on public.enrollments
  for each row execute function private.stamp_status_time(
    'active', 'activated_at', 'completed', 'completed_at', 'cancelled', 'cancelled_at');
create trigger enrollments_touch_updated_at before update on public.enrollments
  for each row execute function private.touch_updated_at();

create or replace function private.count_active_enrollment(batch uuid, delta integer) returns void
language plpgsql security definer set search_path = '' as $$
declare
  seats record;
begin
  update public.batches b set active_enrollments = b.active_enrollments + delta
   where b.id = batch
  returning b.name, b.capacity, b.active_enrollments into seats;
  if delta > 0 and seats.capacity is not null and seats.active_enrollments > seats.capacity then
    raise exception 'batch "%" is full: all % seats are taken', seats.name, seats.capacity
      using errcode = '23514', hint = 'Raise the batch''s capacity or enroll the student in another batch.';
  end if;
end
$$;
comment on function private.count_active_enrollment(uuid, integer) is
  'Moves batches.active_enrollments; the row lock serializes concurrent activations so capacity holds.';

create or replace function private.track_active_enrollments() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status = 'active' then
    perform private.count_active_enrollment(old.batch_id, -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status = 'active' then
    perform private.count_active_enrollment(new.batch_id, 1);
  end if;
  return null;
end
$$;
create trigger enrollments_track_active after insert or delete or update of status, batch_id
  on public.enrollments for each row execute function private.track_active_enrollments();
create trigger enrollments_audit after insert or update or delete on public.enrollments
  for each row execute function private.record_audit();

revoke execute on all functions in schema private from public;
