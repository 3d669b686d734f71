-- Per-provider send rate limits shared by every outbox worker on every host: one token bucket per
-- provider, refilled continuously, taken one send at a time under the bucket row's lock.

create table private.send_rate_buckets (
  provider text primary key check (provider ~ '^[a-z][a-z0-9_]*$'),
  tokens double precision not null check (tokens >= 0),
  refilled_at timestamptz not null
);
comment on table private.send_rate_buckets is
  'Token buckets of the outbox (one row per provider). Never exposed: only the service takes tokens, '
  'through private.take_send_token.';

create or replace function private.take_send_token(
  bucket text, per_second double precision, burst double precision
) returns double precision
language plpgsql set search_path = '' as $$
declare
  at timestamptz := clock_timestamp();
  held private.send_rate_buckets;
  available double precision;
begin
  insert into private.send_rate_buckets (provider, tokens, refilled_at)
  values (bucket, burst, at) on conflict (provider) do nothing;
  select * into held from private.send_rate_buckets where provider = bucket for update;
  available := least(burst, held.tokens + greatest(extract(epoch from at - held.refilled_at), 0) * per_second);
  update private.send_rate_buckets
     set tokens = case when available >= 1 then available - 1 else available end, refilled_at = at
   where provider = bucket;
  return case when available >= 1 then 0 else (1 - available) / per_second end;
end
$$;
comment on function private.take_send_token(text, double precision, double precision) is
  'Takes one token from the provider''s bucket (rate per_second, capacity burst) and returns 0, or '
  'takes none and returns the seconds to wait until one is available.';

revoke execute on all functions in schema private from public;
