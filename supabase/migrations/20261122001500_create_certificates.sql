-- Certificates and their public verification.

create type public.certificate_status as enum ('issued', 'revoked');

create or replace function private.new_verification_code() returns text
language plpgsql volatile set search_path = '' as $$
declare
  alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  noise bytea := extensions.gen_random_bytes(16);
  code text := '';
begin
  for i in 0 .. 15 loop
    code := code || substr(alphabet, get_byte(noise, i) % 32 + 1, 1);
  end loop;
  return code;
end
$$;
comment on function private.new_verification_code() is
  '16 characters from a 32-letter alphabet without look-alikes (80 random bits): unguessable.';

-- Certificates. Invariants: the verification code is unique and unguessable; a student holds at
-- most one issued certificate per course; a certificate is revoked, never deleted.
create table public.certificates (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.profiles (id) on delete cascade,
  course_id uuid not null references public.courses (id) on delete restrict,
  batch_id uuid references public.batches (id) on delete set null,
  verification_code text not null unique default private.new_verification_code()
    check (verification_code ~ '^[A-HJ-NP-Z2-9]{16}$'),
  status public.certificate_status not null default 'issued',
  issued_at timestamptz not null default now(),
  pdf_path text,
  revoked_at timestamptz,
  revoke_reason text,
  issued_by uuid references public.profiles (id) on delete set null,
  check ((status = 'revoked') = (revoked_at is not null))
);
comment on table public.certificates is
  'A course certificate; pdf_path is in the certificates bucket (<student_id>/<certificate_id>.pdf). '
  'Anyone can check a code with verify_certificate(); nobody can list certificates without signing in.';
alter table public.certificates enable row level security;

create policy "Admins can read every certificate" on public.certificates
  for select to authenticated using ((select private.is_admin()));
create policy "Instructors can read their batches' certificates" on public.certificates
  for select to authenticated using (batch_id in (select private.taught_batch_ids()));
create policy "Students can read their own certificates" on public.certificates
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Admins can issue certificates" on public.certificates
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can revoke or amend certificates" on public.certificates
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
-- No delete policy: a wrong certificate is revoked so that its code keeps answering honestly.

create unique index certificates_one_per_course_key on public.certificates (student_id, course_id)
  where status = 'issued';
create index certificates_student_idx on public.certificates (student_id);
create index certificates_course_idx on public.certificates (course_id);
create index certificates_batch_idx on public.certificates (batch_id);
create index certificates_issued_by_idx on public.certificates (issued_by);
create index certificates_issued_at_idx on public.certificates (issued_at desc);
create trigger certificates_audit after insert or update or delete on public.certificates
  for each row execute function private.record_audit();

create or replace function public.verify_certificate(code text)
returns table (student_name text, course_title text, batch_name text, issued_on date, status public.certificate_status)
language plpgsql stable security definer set search_path = '' as $$
declare
  wanted text := upper(regexp_replace(coalesce(code, ''), '[^A-Za-z0-9]', '', 'g'));
begin
  return query
    select p.full_name, c.title, b.name, (x.issued_at at time zone private.center_timezone())::date, x.status
      from public.certificates x
      join public.profiles p on p.id = x.student_id
      join public.courses c on c.id = x.course_id
      left join public.batches b on b.id = x.batch_id
     where x.verification_code = wanted;
end
$$;
comment on function public.verify_certificate(text) is
  'Public check of a certificate code (dashes, spaces and case ignored): the holder''s name, course, '
  'batch, issue date and status, or no row. Exact match only and no ids, so nothing can be enumerated.';
revoke execute on function public.verify_certificate(text) from public;
grant execute on function public.verify_certificate(text) to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.new_verification_code() to authenticated, service_role;
