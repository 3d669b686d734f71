-- Finding students: CSV imports, leads, landing-page submissions and channel consents.

create type public.lead_source as enum ('form', 'import', 'manual', 'whatsapp', 'call');
create type public.lead_status as enum ('new', 'contacted', 'interested', 'payment_sent', 'enrolled', 'lost');
create type public.contact_party as enum ('self', 'parent');
comment on type public.contact_party is
  'Who in a contact''s household a row is about: the lead or student themself, or their parent.';
create type public.contact_channel as enum ('email', 'whatsapp', 'call', 'sms');

-- Lead imports. Invariants: one row per uploaded CSV; counts only grow while it runs and
-- rows_read = rows_inserted + rows_merged + rows_rejected once it completes.
create type public.import_status as enum
  ('uploaded', 'previewed', 'importing', 'completed', 'failed', 'cancelled');

create table public.lead_imports (
  id uuid primary key default gen_random_uuid(),
  file_path text not null,
  original_filename text not null,
  status public.import_status not null default 'uploaded',
  column_mapping jsonb not null default '{}' check (jsonb_typeof(column_mapping) = 'object'),
  options jsonb not null default '{}' check (jsonb_typeof(options) = 'object'),
  rows_read integer not null default 0 check (rows_read >= 0),
  rows_inserted integer not null default 0 check (rows_inserted >= 0),
  rows_merged integer not null default 0 check (rows_merged >= 0),
  rows_rejected integer not null default 0 check (rows_rejected >= 0),
  error_report_path text,
  error_message text,
  created_by uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now(),
  check (status <> 'completed' or rows_read = rows_inserted + rows_merged + rows_rejected)
);
comment on table public.lead_imports is
  'One CSV import (file in the imports bucket). column_mapping: CSV header -> lead field; options: e.g. '
  '{"start_sequence_id": ...}. The page follows progress through Realtime.';
alter table public.lead_imports enable row level security;

create policy "Admins can read lead imports" on public.lead_imports
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create lead imports" on public.lead_imports
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update lead imports" on public.lead_imports
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete lead imports" on public.lead_imports
  for delete to authenticated using ((select private.is_admin()));

create index lead_imports_created_at_idx on public.lead_imports (created_at desc);
create index lead_imports_created_by_idx on public.lead_imports (created_by);
create trigger lead_imports_touch_updated_at before update on public.lead_imports
  for each row execute function private.touch_updated_at();

-- Staging for imports: COPY lands raw rows here, validation fills the normalized columns and the
-- error, then one set-based statement merges them into leads. Unlogged: it is scratch space that
-- a re-run rebuilds, so it skips the WAL.
create unlogged table private.lead_import_rows (
  import_id uuid not null references public.lead_imports (id) on delete cascade,
  line_number integer not null check (line_number > 0),
  raw jsonb not null,
  full_name text,
  email public.email_address,
  phone public.phone_e164,
  error text,
  outcome text check (outcome in ('inserted', 'merged', 'rejected')),
  lead_id uuid,
  primary key (import_id, line_number)
);
comment on table private.lead_import_rows is
  'Scratch rows of a CSV import: raw = the CSV line as {header: value}; error names the column and the '
  'reason (for the downloadable report). Delete them once the import finishes.';
alter table private.lead_import_rows enable row level security;
create index lead_import_rows_email_idx on private.lead_import_rows (import_id, email);
create index lead_import_rows_phone_idx on private.lead_import_rows (import_id, phone);

-- Leads. Invariants: reachable by email or phone; at most one lead per normalized email and one
-- per E.164 phone (duplicates merge); funnel_stage only grows (see the lead funnel migration).
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  full_name text not null default '' check (length(full_name) <= 200),
  email public.email_address,
  phone public.phone_e164,
  parent_name text check (length(parent_name) <= 200),
  parent_phone public.phone_e164,
  parent_email public.email_address,
  timezone public.time_zone,
  city text,
  source public.lead_source not null default 'manual',
  course_id uuid references public.courses (id) on delete set null,
  status public.lead_status not null default 'new',
  lost_reason text,
  funnel_stage smallint not null default 0 check (funnel_stage between 0 and 5),
  owner_id uuid references public.profiles (id) on delete set null,
  tags text[] not null default '{}',
  utm_source text,
  utm_medium text,
  utm_campaign text,
  utm_term text,
  utm_content text,
  notes text,
  last_contacted_at timestamptz,
  converted_profile_id uuid unique references public.profiles (id) on delete set null,
  import_id uuid references public.lead_imports (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (email is not null or phone is not null)
);
comment on table public.leads is
  'A prospective student. Unique per email (case-insensitive) and per phone (E.164). owner_id is the '
  'admin following it up; converted_profile_id the student account it became; funnel_stage 0-5 = new, '
  'contacted, interested, paid, attended 75%, certified (kept by triggers, never decreases).';
alter table public.leads enable row level security;

create policy "Admins can read leads" on public.leads
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create leads" on public.leads
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can update leads" on public.leads
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete leads" on public.leads
  for delete to authenticated using ((select private.is_admin()));

create unique index leads_email_key on public.leads (email) where email is not null;
create unique index leads_phone_key on public.leads (phone) where phone is not null;
create index leads_parent_phone_idx on public.leads (parent_phone) where parent_phone is not null;
create index leads_parent_email_idx on public.leads (parent_email) where parent_email is not null;
create index leads_created_at_idx on public.leads (created_at desc);
create index leads_status_created_at_idx on public.leads (status, created_at desc);
create index leads_course_idx on public.leads (course_id);
create index leads_owner_idx on public.leads (owner_id);
create index leads_import_idx on public.leads (import_id);
create index leads_tags_idx on public.leads using gin (tags);

create trigger leads_touch_updated_at before update on public.leads
  for each row execute function private.touch_updated_at();

-- CTA submissions. Invariants: each belongs to a lead; decided_by and decided_at are set exactly
-- when the status leaves 'new'.
create type public.review_status as enum ('new', 'approved', 'rejected');

create table public.cta_submissions (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null references public.leads (id) on delete cascade,
  course_id uuid references public.courses (id) on delete set null,
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  page_url text,
  status public.review_status not null default 'new',
  decided_by uuid references public.profiles (id) on delete set null,
  decided_at timestamptz,
  decision_note text,
  submitted_at timestamptz not null default now(),
  check ((status = 'new') = (decided_at is null))
);
comment on table public.cta_submissions is
  'A landing-page form answer (answers: field -> value) awaiting an admin''s review; approval starts the '
  'welcome sequence.';
alter table public.cta_submissions enable row level security;

create policy "Admins can read CTA submissions" on public.cta_submissions
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can create CTA submissions" on public.cta_submissions
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can review CTA submissions" on public.cta_submissions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete CTA submissions" on public.cta_submissions
  for delete to authenticated using ((select private.is_admin()));

create index cta_submissions_lead_idx on public.cta_submissions (lead_id);
create index cta_submissions_course_idx on public.cta_submissions (course_id);
create index cta_submissions_decided_by_idx on public.cta_submissions (decided_by);
create index cta_submissions_pending_idx on public.cta_submissions (submitted_at) where status = 'new';
create index cta_submissions_submitted_at_idx on public.cta_submissions (submitted_at desc);

-- Consents. Invariants: one current state per contact (a lead or a profile), party and channel;
-- an opted-out contact is never messaged on that channel (the outbox checks before sending);
-- every change is in the audit log.
create type public.consent_state as enum ('opted_in', 'opted_out');
create type public.consent_source as enum
  ('form', 'import', 'admin', 'profile', 'inbound_keyword', 'unsubscribe_link', 'email_bounce',
   'spam_report', 'conversion');

create table public.consents (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid references public.leads (id) on delete cascade,
  profile_id uuid references public.profiles (id) on delete cascade,
  party public.contact_party not null default 'self',
  channel public.contact_channel not null,
  state public.consent_state not null,
  source public.consent_source not null,
  note text,
  recorded_by uuid references public.profiles (id) on delete set null,
  recorded_at timestamptz not null default now(),
  check (num_nonnulls(lead_id, profile_id) = 1)
);
comment on table public.consents is
  'Current consent of one person (the lead or student, or their parent) on one channel. Missing row = '
  'never asked; the outbox treats only opted_out as a refusal.';
alter table public.consents enable row level security;

create policy "Admins can read consents" on public.consents
  for select to authenticated using ((select private.is_admin()));
create policy "Students can read their household's consents" on public.consents
  for select to authenticated using (profile_id = (select auth.uid()));
create policy "Admins can record consents" on public.consents
  for insert to authenticated with check ((select private.is_admin()));
create policy "Students can record their household's consents" on public.consents
  for insert to authenticated with check (profile_id = (select auth.uid()));
create policy "Admins can change consents" on public.consents
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Students can change their household's consents" on public.consents
  for update to authenticated using (profile_id = (select auth.uid())) with check (profile_id = (select auth.uid()));
create policy "Admins can delete consents" on public.consents
  for delete to authenticated using ((select private.is_admin()));

create unique index consents_lead_key on public.consents (lead_id, party, channel) where lead_id is not null;
create unique index consents_profile_key on public.consents (profile_id, party, channel) where profile_id is not null;
create index consents_recorded_by_idx on public.consents (recorded_by);

create or replace function private.stamp_consent() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'UPDATE' then
    new.recorded_at := now();
  end if;
  new.recorded_by := coalesce(auth.uid(), new.recorded_by);
  return new;
end
$$;
create trigger consents_stamp before insert or update on public.consents
  for each row execute function private.stamp_consent();
create trigger consents_audit after insert or update or delete on public.consents
  for each row execute function private.record_audit();

revoke execute on all functions in schema private from public;
