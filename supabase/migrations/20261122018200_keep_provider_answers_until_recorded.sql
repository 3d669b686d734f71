-- A provider request whose answer carries state (a payment link, a refund, an account) is marked sent only in
-- the transaction that records that state. When that transaction fails, the worker puts the row back with the
-- provider's answer here; the next claim records it from this answer instead of asking the provider again
-- (decision 0672). Covered by the outbox table's existing row-level security.
alter table public.outbox add column answer jsonb;
comment on column public.outbox.answer is
  'The provider''s answer ({"provider", "result"}) to a request whose record failed to commit: the next claim '
  'applies the record from it and sends nothing; null once the row is sent, and for every other row.';
