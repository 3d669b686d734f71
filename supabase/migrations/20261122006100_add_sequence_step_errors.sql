-- A follow-up step that cannot be queued (its template does not exist, or the contact has no address for
-- its channel) is skipped on its own; the run keeps the reason where admins read runs.

alter table public.sequence_enrollments
  add column last_error text check (length(last_error) <= 1000),
  add column last_error_at timestamptz,
  add check ((last_error is null) = (last_error_at is null));
comment on column public.sequence_enrollments.last_error is
  'Why the last step that could not be queued was skipped (e.g. an unknown template); the run went on '
  'to its next step. Null when every step so far was queued.';
