-- automation_settings.rate_limits was only checked to be a JSON object, so {"aisensy": {"per_second": 0}}
-- was stored, and private.take_send_tokens divided by that rate: every batch the outbox gated failed, on
-- every channel. Each provider's entry is now checked: only per_second (0.01 to 10^9 messages a second),
-- burst (1 to 10^9) and concurrency (a whole number of calls, 0 to 10^6; 0 holds every call), each a JSON
-- number; a missing key keeps the service's default (automation/outbox/gate.py, DEFAULT_LIMITS). The bounds
-- keep every wait the gate computes finite and short, and a bucket able to hold one token.
--
-- A bad entry already stored is dropped here, so that provider sends at the service's defaults: they are
-- the providers' own limits, and sending without any could get the center's account throttled. The audit
-- log keeps the dropped entry. take_send_tokens itself, given a rate or burst that is no rate (not a
-- positive number, or not finite), grants every token asked for rather than failing the batch.

create or replace function private.is_send_rate_limit(rules jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(rules) = 'object' and not exists (
    select from jsonb_each(case jsonb_typeof(rules) when 'object' then rules else '{}' end) as r(name, value)
     where case when jsonb_typeof(r.value) <> 'number' then true
                when r.name = 'per_second' then r.value::numeric not between 0.01 and 1e9
                when r.name = 'burst' then r.value::numeric not between 1 and 1e9
                when r.name = 'concurrency' then r.value::numeric not between 0 and 1e6 or r.value::numeric % 1 <> 0
                else true
           end)
$$;
comment on function private.is_send_rate_limit(jsonb) is
  'True for one provider''s rate limits: {"per_second": 0.01..1e9, "burst": 1..1e9, '
  '"concurrency": whole 0..1e6}, each key optional, no other key.';

create or replace function private.are_send_rate_limits(limits jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(limits) = 'object' and not exists (
    select from jsonb_each(case jsonb_typeof(limits) when 'object' then limits else '{}' end) as p(provider, rules)
     where p.provider !~ '^[a-z][a-z0-9_]*$' or not private.is_send_rate_limit(p.rules))
$$;
comment on function private.are_send_rate_limits(jsonb) is
  'True for automation_settings.rate_limits: an object of provider name → private.is_send_rate_limit.';

update public.automation_settings
   set rate_limits = coalesce((select jsonb_object_agg(p.provider, p.rules) from jsonb_each(rate_limits) as p(provider, rules)
                                where private.are_send_rate_limits(jsonb_build_object(p.provider, p.rules))), '{}')
 where not private.are_send_rate_limits(rate_limits);

alter table public.automation_settings
  drop constraint automation_settings_rate_limits_check,
  add constraint automation_settings_rate_limits_check check (private.are_send_rate_limits(rate_limits));

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
  update private.send_rate_buckets set tokens = available - granted, refilled_at = at where provider = bucket;
  wait_seconds := case when granted = wanted then 0 else (1 - (available - granted)) / per_second end;
end
$$;
comment on function private.take_send_tokens(text, double precision, double precision, integer) is
  'Takes up to `wanted` tokens from the provider''s bucket (rate per_second, capacity burst) under its row '
  'lock: granted is how many; wait_seconds (0 when all were granted) is how long until the next one. A '
  'rate or burst that is not a positive finite number (burst below 1) limits nothing: all are granted.';

revoke execute on all functions in schema private from public;
-- The check runs as whoever saves the settings (an admin, through the API).
grant execute on function private.is_send_rate_limit(jsonb), private.are_send_rate_limits(jsonb)
  to authenticated, service_role;
