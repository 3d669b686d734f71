-- Exams: questions, their answer keys (never readable by students), and graded attempts.

-- Exams. Invariants: belong to a batch; students see published ones of their batches; an attempt
-- is accepted only between opens_at and closes_at and at most max_attempts times.
create table public.exams (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references public.batches (id) on delete cascade,
  title text not null check (length(title) between 1 and 200),
  description text,
  pass_percent smallint not null default 40 check (pass_percent between 0 and 100),
  max_attempts smallint not null default 1 check (max_attempts > 0),
  duration_minutes smallint check (duration_minutes > 0),
  opens_at timestamptz,
  closes_at timestamptz,
  published boolean not null default false,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_at > opens_at)
);
comment on table public.exams is 'A multiple-choice exam of a batch, graded on the server by submit_exam_attempt().';
alter table public.exams enable row level security;

create policy "Admins can read every exam" on public.exams
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their batches' exams" on public.exams
  for select to authenticated using (batch_id in (select private.taught_batch_ids()));
create policy "Students can read published exams of their batches" on public.exams
  for select to authenticated using (id in (select private.enrolled_exam_ids()));
create policy "Admins can create exams" on public.exams
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can create exams for their batches" on public.exams
  for insert to authenticated with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can update exams" on public.exams
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their batches' exams" on public.exams
  for update to authenticated
  using (batch_id in (select private.taught_batch_ids()))
  with check (batch_id in (select private.taught_batch_ids()));
create policy "Admins can delete exams" on public.exams
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete their batches' exams" on public.exams
  for delete to authenticated using (batch_id in (select private.taught_batch_ids()));

create index exams_batch_idx on public.exams (batch_id);
create index exams_created_by_idx on public.exams (created_by);
create trigger exams_touch_updated_at before update on public.exams
  for each row execute function private.touch_updated_at();

create or replace function private.opened_exam_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    select x.id from public.exams x
     where x.id in (select private.enrolled_exam_ids()) and (x.opens_at is null or x.opens_at <= now());
end
$$;
comment on function private.opened_exam_ids() is
  'Published exams of the caller''s batches that have opened: their questions become readable.';

-- Questions. Invariants: positions unique per exam; 2-10 options; marks 1-5. The right options are
-- in exam_answer_keys, never here.
create table public.exam_questions (
  id uuid primary key default gen_random_uuid(),
  exam_id uuid not null references public.exams (id) on delete cascade,
  position smallint not null check (position > 0),
  prompt text not null check (length(prompt) >= 1),
  options text[] not null check (cardinality(options) between 2 and 10),
  multiple_answers boolean not null default false,
  marks smallint not null check (marks between 1 and 5),
  unique (exam_id, position)
);
comment on table public.exam_questions is
  'A question; options are numbered from 1. multiple_answers says whether more than one is right.';
alter table public.exam_questions enable row level security;

create policy "Admins can read every question" on public.exam_questions
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their exams' questions" on public.exam_questions
  for select to authenticated using (exam_id in (select private.taught_exam_ids()));
create policy "Students can read questions of opened exams" on public.exam_questions
  for select to authenticated using (exam_id in (select private.opened_exam_ids()));
create policy "Admins can write questions" on public.exam_questions
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can write questions for their exams" on public.exam_questions
  for insert to authenticated with check (exam_id in (select private.taught_exam_ids()));
create policy "Admins can update questions" on public.exam_questions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their exams' questions" on public.exam_questions
  for update to authenticated
  using (exam_id in (select private.taught_exam_ids()))
  with check (exam_id in (select private.taught_exam_ids()));
create policy "Admins can delete questions" on public.exam_questions
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete their exams' questions" on public.exam_questions
  for delete to authenticated using (exam_id in (select private.taught_exam_ids()));

-- Answer keys. Invariants: one per question; every number names one of the question's options.
-- No policy mentions students: only staff read or write keys.
create table public.exam_answer_keys (
  question_id uuid primary key references public.exam_questions (id) on delete cascade,
  correct_options smallint[] not null check (cardinality(correct_options) >= 1),
  explanation text
);
comment on table public.exam_answer_keys is 'The right option numbers of a question. Staff only.';
alter table public.exam_answer_keys enable row level security;

create policy "Admins can read answer keys" on public.exam_answer_keys
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their exams' answer keys" on public.exam_answer_keys
  for select to authenticated
  using (question_id in (select q.id from public.exam_questions q where q.exam_id in (select private.taught_exam_ids())));
create policy "Admins can write answer keys" on public.exam_answer_keys
  for insert to authenticated with check ((select private.is_admin()));
create policy "Instructors can write their exams' answer keys" on public.exam_answer_keys
  for insert to authenticated
  with check (question_id in (select q.id from public.exam_questions q where q.exam_id in (select private.taught_exam_ids())));
create policy "Admins can update answer keys" on public.exam_answer_keys
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Instructors can update their exams' answer keys" on public.exam_answer_keys
  for update to authenticated
  using (question_id in (select q.id from public.exam_questions q where q.exam_id in (select private.taught_exam_ids())))
  with check (question_id in (select q.id from public.exam_questions q where q.exam_id in (select private.taught_exam_ids())));
create policy "Admins can delete answer keys" on public.exam_answer_keys
  for delete to authenticated using ((select private.is_admin()));
create policy "Instructors can delete their exams' answer keys" on public.exam_answer_keys
  for delete to authenticated
  using (question_id in (select q.id from public.exam_questions q where q.exam_id in (select private.taught_exam_ids())));

create or replace function private.check_answer_key() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  option_count integer := (select cardinality(q.options) from public.exam_questions q where q.id = new.question_id);
begin
  if exists (select 1 from unnest(new.correct_options) o where o < 1 or o > option_count) then
    raise exception 'correct_options must be option numbers between 1 and %', option_count using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger exam_answer_keys_check before insert or update on public.exam_answer_keys
  for each row execute function private.check_answer_key();

-- Attempts. Invariants: written only by submit_exam_attempt() (graded on the server) or an admin;
-- attempt numbers count from 1 per student and exam.
create table public.exam_attempts (
  id uuid primary key default gen_random_uuid(),
  exam_id uuid not null references public.exams (id) on delete cascade,
  student_id uuid not null references public.profiles (id) on delete cascade,
  attempt_number smallint not null check (attempt_number > 0),
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  score integer not null check (score >= 0),
  max_score integer not null check (max_score > 0 and score <= max_score),
  percent numeric(5, 2) not null check (percent between 0 and 100),
  passed boolean not null,
  submitted_at timestamptz not null default now(),
  unique (exam_id, student_id, attempt_number)
);
comment on table public.exam_attempts is
  'A graded attempt: answers = {question_id: [option numbers]} as submitted, with the resulting score.';
alter table public.exam_attempts enable row level security;

create policy "Admins can read every attempt" on public.exam_attempts
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read attempts at their exams" on public.exam_attempts
  for select to authenticated using (exam_id in (select private.taught_exam_ids()));
create policy "Students can read their own attempts" on public.exam_attempts
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Admins can record attempts" on public.exam_attempts
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can correct attempts" on public.exam_attempts
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete attempts" on public.exam_attempts
  for delete to authenticated using ((select private.is_admin()));

create index exam_attempts_student_idx on public.exam_attempts (student_id, exam_id);
create index exam_attempts_submitted_at_idx on public.exam_attempts (submitted_at desc);
create trigger exam_attempts_audit after insert or update or delete on public.exam_attempts
  for each row execute function private.record_audit();

-- Grading ------------------------------------------------------------------------------------

create or replace function private.normalized_answers(exam uuid, answers jsonb) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  normalized jsonb;
begin
  if jsonb_typeof(answers) is distinct from 'object' then
    raise exception 'answers must be an object of {question_id: [option numbers]}' using errcode = '22023';
  end if;
  if exists (select 1 from jsonb_object_keys(answers) k
              where not exists (select 1 from public.exam_questions q where q.exam_id = exam and q.id::text = k)) then
    raise exception 'answers name a question that is not part of this exam' using errcode = '22023',
      hint = 'Use the ids of this exam''s questions as keys.';
  end if;
  select coalesce(jsonb_object_agg(a.key, (
           select coalesce(jsonb_agg(distinct o.value::int order by o.value::int), '[]')
             from jsonb_array_elements(case jsonb_typeof(a.value) when 'array' then a.value
                                            else jsonb_build_array(a.value) end) o
            where jsonb_typeof(o.value) = 'number')), '{}')
    into normalized
    from jsonb_each(answers) a;
  return normalized;
end
$$;
comment on function private.normalized_answers(uuid, jsonb) is
  'Checks submitted answers belong to the exam and turns each into a sorted array of option numbers.';

create or replace function private.grade_attempt(exam uuid, answers jsonb, out score integer, out max_score integer)
language plpgsql stable set search_path = '' as $$
begin
  if exists (select 1 from public.exam_questions q
              where q.exam_id = exam and not exists (select 1 from public.exam_answer_keys k where k.question_id = q.id)) then
    raise exception 'this exam cannot be graded yet: a question has no answer key' using
      hint = 'Ask the instructor to complete the answer keys.';
  end if;
  select coalesce(sum(q.marks) filter (where
           (select array_agg(distinct o::int order by o::int) from unnest(k.correct_options) o)
           = (select array_agg(e::int order by e::int) from jsonb_array_elements_text(answers -> q.id::text) e)), 0),
         sum(q.marks)
    into score, max_score
    from public.exam_questions q
    join public.exam_answer_keys k on k.question_id = q.id
   where q.exam_id = exam;
  if max_score is null then
    raise exception 'this exam has no questions yet' using hint = 'Ask the instructor to add its questions.';
  end if;
end
$$;
comment on function private.grade_attempt(uuid, jsonb) is
  'Marks of the questions answered exactly right (normalized answers) and the exam''s total marks.';

create or replace function public.submit_exam_attempt(exam uuid, answers jsonb) returns public.exam_attempts
language plpgsql security definer set search_path = '' as $$
declare
  target public.exams;
  tried integer;
  graded record;
  normalized jsonb;
  attempt public.exam_attempts;
begin
  select * into target from public.exams x where x.id = exam;
  if auth.uid() is null or not found or not target.published
     or target.batch_id not in (select private.enrolled_batch_ids()) then
    raise exception 'no such exam among your batches'' exams' using errcode = '42501';
  end if;
  if target.opens_at > now() or target.closes_at <= now() then
    raise exception 'this exam is open from % to %', target.opens_at, target.closes_at;
  end if;
  perform pg_advisory_xact_lock(hashtextextended(target.id::text || auth.uid()::text, 0));
  select count(*) into tried from public.exam_attempts a where a.exam_id = target.id and a.student_id = auth.uid();
  if tried >= target.max_attempts then
    raise exception 'you have used all % attempts at this exam', target.max_attempts;
  end if;
  normalized := private.normalized_answers(target.id, answers);
  graded := private.grade_attempt(target.id, normalized);
  insert into public.exam_attempts (exam_id, student_id, attempt_number, answers, score, max_score, percent, passed)
  values (target.id, auth.uid(), tried + 1, normalized, graded.score, graded.max_score,
          round(100.0 * graded.score / graded.max_score, 2),
          100.0 * graded.score / graded.max_score >= target.pass_percent)
  returning * into attempt;
  return attempt;
end
$$;
comment on function public.submit_exam_attempt(uuid, jsonb) is
  'Grades answers ({question_id: option number or [numbers]}) on the server and records the attempt. '
  'Refuses (42501) an exam outside the caller''s batches; a closed exam or one with no attempts left '
  'is a plain error (400 through the API) saying so.';
revoke execute on function public.submit_exam_attempt(uuid, jsonb) from public, anon;
grant execute on function public.submit_exam_attempt(uuid, jsonb) to authenticated;

revoke execute on all functions in schema private from public;
grant execute on function private.opened_exam_ids() to anon, authenticated, service_role;
