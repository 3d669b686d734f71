-- The lead form's per-address counter without a hot row: one counter row per client and database
-- session, summed on read (decision 0590). private.count_intake_hit keeps its signature and result, so
-- private.submit_form_lead and the service call it as before.

-- Intake hits. Invariants: one row per (client key, backend pid); hits counts that session's requests
-- of the fixed window that began at window_start, and a new window resets it to 1. A client's count
-- for a window is the sum over its rows with that window_start. A session runs one transaction at a
-- time, so no two transactions ever wait on the same row.
create unlogged table private.intake_hits (
  client_key text not null check (length(client_key) between 1 and 200),
  backend integer not null,
  window_start timestamptz not null,
  hits integer not null check (hits > 0),
  primary key (client_key, backend)
);
comment on table private.intake_hits is
  'Fixed-window request counts of the public endpoints per client (IP), one row per database session '
  'so that concurrent requests of one client never wait on each other''s row lock. Unlogged: losing '
  'it in a crash only forgives a minute of requests.';
alter table private.intake_hits enable row level security;

create or replace function private.count_intake_hit(client text, window_seconds integer) returns integer
language plpgsql set search_path = '' as $$
declare
  current_window timestamptz := to_timestamp(floor(extract(epoch from now()) / window_seconds) * window_seconds);
begin
  insert into private.intake_hits as h (client_key, backend, window_start, hits)
  values (client, pg_backend_pid(), current_window, 1)
  on conflict (client_key, backend) do update
     set hits = case when h.window_start = excluded.window_start then h.hits + 1 else 1 end,
         window_start = excluded.window_start;
  return (select sum(h.hits)::integer from private.intake_hits h
           where h.client_key = client and h.window_start = current_window);
end
$$;
comment on function private.count_intake_hit(text, integer) is
  'Counts one request of a client in the current fixed window of window_seconds and returns the '
  'window''s count so far: this request, this session''s earlier ones and those other sessions have '
  'committed (hits of transactions still running elsewhere are not seen, so concurrent requests may '
  'pass the caller''s limit by at most the number of concurrent sessions).';

drop table private.intake_rate_limits;

revoke execute on all functions in schema private from public;
