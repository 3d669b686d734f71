-- A 429 with Retry-After delayed only the message that got it: every other queued message kept going to that
-- provider and got 429 too. Now the worker that gets a 429 pauses the provider in its shared bucket row
-- (private.pause_sends), and private.take_send_tokens grants nothing for it until then, so every worker on
-- every host holds that provider's messages (decision 0695). A held message is not a failed attempt.
--
-- The pause lasts Retry-After, bounded to an hour (a provider's mistaken day-long value must not stop a
-- channel for a day), or 60 seconds when the answer had no usable Retry-After (Bolna counts its limits per
-- minute). It never shortens a longer pause already set. The bucket restarts empty when the pause ends, so
-- sending resumes at the configured rate instead of with a burst into the limit just hit.

alter table private.send_rate_buckets add column paused_until timestamptz;
comment on column private.send_rate_buckets.paused_until is
  'The provider answered 429: no token is granted before this time (private.pause_sends); null, or past, '
  'when it is not paused.';

create function private.pause_sends(bucket text, retry_after double precision)
returns timestamptz
language plpgsql set search_path = '' as $$
declare
  pause double precision := least(greatest(coalesce(retry_after, 60), 0), 3600);
  until timestamptz := clock_timestamp() + make_interval(secs => pause);
begin
  insert into private.send_rate_buckets as b (provider, tokens, refilled_at, paused_until)
  values (bucket, 0, until, until)
  on conflict (provider) do update
     set paused_until = greatest(b.paused_until, excluded.paused_until), tokens = 0,
         refilled_at = greatest(b.paused_until, excluded.paused_until)
  returning b.paused_until into until;
  return until;
end
$$;
comment on function private.pause_sends(text, double precision) is
  'The provider answered 429: no worker takes a token for it until now + retry_after seconds (0 to 3600; '
  '60 when null), or a later end already set, which is returned. The bucket restarts empty then.';

create or replace function private.take_send_tokens(
  bucket text, per_second double precision, burst double precision, wanted integer,
  out granted integer, out wait_seconds double precision
)
language plpgsql set search_path = '' as $$
declare
  at timestamptz := clock_timestamp();
  held private.send_rate_buckets;
  available double precision;
  paused timestamptz := (select b.paused_until from private.send_rate_buckets b where b.provider = bucket);
begin
  if paused > at then  -- the provider asked us to wait (429): nothing for anyone until then
    granted := 0;
    wait_seconds := extract(epoch from paused - at);
    return;
  end if;
  if (per_second > 0 and burst >= 1 and greatest(per_second, burst) < 'infinity') is not true then
    granted := wanted;  -- no rate, no limit: a caller's bad setting must not stop sending
    wait_seconds := 0;
    return;
  end if;
  insert into private.send_rate_buckets (provider, tokens, refilled_at)
  values (bucket, burst, at) on conflict (provider) do nothing;
  select * into held from private.send_rate_buckets where provider = bucket for update;
  available := least(burst, held.tokens + greatest(extract(epoch from at - held.refilled_at), 0) * per_second);
  granted := least(wanted, floor(available)::integer);
  -- A pause set since the first read restarts the bucket at its end: never move that back.
  update private.send_rate_buckets set tokens = available - granted, refilled_at = greatest(at, held.refilled_at)
   where provider = bucket;
  wait_seconds := case when granted = wanted then 0 else (1 - (available - granted)) / per_second end;
end
$$;
comment on function private.take_send_tokens(text, double precision, double precision, integer) is
  'Takes up to `wanted` tokens from the provider''s bucket (rate per_second, capacity burst) under its row '
  'lock: granted is how many; wait_seconds (0 when all were granted) is how long until the next one. While '
  'the provider is paused (paused_until, after a 429) none is granted and wait_seconds runs to its end. A '
  'rate or burst that is not a positive finite number (burst below 1) limits nothing: all are granted.';

revoke execute on all functions in schema private from public;
