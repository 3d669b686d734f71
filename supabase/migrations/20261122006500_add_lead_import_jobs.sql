-- Lead imports run by the worker: the admin asks for a preview or an import on the row, a worker
-- claims it (SKIP LOCKED, then a lease kept alive by its progress commits) and does the work.

alter table public.lead_imports
  add column job text check (job in ('preview', 'import')),
  add column claimed_at timestamptz;
comment on column public.lead_imports.job is
  'What a worker should do next with the file: preview (a dry run) or import; null once done. A worker '
  'claims the row by setting claimed_at; a claim whose row has not changed for the lease (progress '
  'commits keep updated_at fresh) is taken over, which is safe because an import is all or nothing.';
comment on column public.lead_imports.claimed_at is
  'When a worker took the pending job; null while it waits for one.';

create index lead_imports_pending_job_idx on public.lead_imports (created_at) where job is not null;
