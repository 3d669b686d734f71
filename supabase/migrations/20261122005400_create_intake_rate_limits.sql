-- Public lead intake: a per-client request counter shared by every web worker and host.

-- Intake rate limits. Invariants: one row per client key (e.g. "leads:<ip>"); hits counts the
-- requests of the fixed window that began at window_start; a new window resets it to 1.
create unlogged table private.intake_rate_limits (
  client_key text primary key check (length(client_key) between 1 and 200),
  window_start timestamptz not null,
  hits integer not null check (hits > 0)
);
comment on table private.intake_rate_limits is
  'Fixed-window request counts of the public endpoints per client (IP). Unlogged: losing it in a crash '
  'only forgives a minute of requests.';
alter table private.intake_rate_limits enable row level security;

create or replace function private.count_intake_hit(client text, window_seconds integer) returns integer
language sql set search_path = '' as $$
  insert into private.intake_rate_limits as r (client_key, window_start, hits)
  values (client, to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds), 1)
  on conflict (client_key) do update
     set hits = case when r.window_start = excluded.window_start then r.hits + 1 else 1 end,
         window_start = excluded.window_start
  returning hits
$$;
comment on function private.count_intake_hit(text, integer) is
  'Counts one request of a client in the current fixed window of window_seconds and returns the '
  'window''s count so far (the caller refuses past its limit).';

revoke execute on all functions in schema private from public;
