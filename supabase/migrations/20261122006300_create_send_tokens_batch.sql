-- The outbox gate takes the tokens of a whole batch in one call per provider (it took one per message).

create or replace function private.take_send_tokens(
  bucket text, per_second double precision, burst double precision, wanted integer,
  out granted integer, out wait_seconds double precision
)
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
  granted := least(wanted, floor(available)::integer);
  update private.send_rate_buckets set tokens = available - granted, refilled_at = at where provider = bucket;
  wait_seconds := case when granted = wanted then 0 else (1 - (available - granted)) / per_second end;
end
$$;
comment on function private.take_send_tokens(text, double precision, double precision, integer) is
  'Takes up to `wanted` tokens from the provider''s bucket (rate per_second, capacity burst) under its row '
  'lock: granted is how many; wait_seconds (0 when all were granted) is how long until the next one.';

drop function private.take_send_token(text, double precision, double precision);

revoke execute on all functions in schema private from public;
