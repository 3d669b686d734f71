-- What an admin's request id asked for (decision 0696): a retry of the same request returns what it queued,
-- the same id reused for a different message is refused instead of answering with the earlier one.

-- Invariants: one row per (scope, request_id), written in the transaction that queued the request's
-- messages (a refused request leaves none); content is what the first request asked and never changes.
create table private.message_requests (
  scope text not null check (scope in ('template', 'bulk')),
  request_id text not null check (length(request_id) between 1 and 100),
  content jsonb not null check (jsonb_typeof(content) = 'object'),
  created_at timestamptz not null default now(),
  primary key (scope, request_id)
);
comment on table private.message_requests is
  'The channel, template and recipients (a lead, or a segment''s filter) each admin request id asked for, '
  'per scope (template: one lead; bulk: a segment). Never exposed: only the service reads and writes it.';
comment on column private.message_requests.content is
  'What the first request with this id asked; a later request with the same id must ask the same.';
alter table private.message_requests enable row level security;
