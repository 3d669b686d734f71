-- The lead form's counters of past windows, swept by the worker's tick (decision 0590): without a sweep
-- the table keeps a row for every address and database session that ever posted the form.

create or replace function private.sweep_intake_hits(kept_seconds integer) returns integer
language plpgsql set search_path = '' as $$
declare
  swept integer;
begin
  delete from private.intake_hits h where h.window_start < now() - make_interval(secs => kept_seconds);
  get diagnostics swept = row_count;
  return swept;
end
$$;
comment on function private.sweep_intake_hits(integer) is
  'Deletes the counter rows whose window began more than kept_seconds ago and returns how many; a '
  'row deleted under a session about to count starts again at 1, as a new window would.';

revoke execute on all functions in schema private from public;
