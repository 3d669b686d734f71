-- Reading the gateway's temporary wal2json slot, one round trip per poll. Created per session in pg_temp
-- by the realtime feed, next to the slot it reads.

-- wal2json's options for a publication: only its tables and actions (nothing at all without tables).
-- wal2json's table list escapes space, quote, comma, dot, star and backslash with a backslash.
create function pg_temp.devstack_realtime_options(publication name) returns text[]
language sql stable as $$
  select array['format-version', '2', 'include-pk', 'true', 'include-timestamp', 'true',
               'include-type-oids', 'true', 'include-transaction', 'false']
         || case when tables is null then array['filter-tables', '*.*']
                 else array['add-tables', tables, 'actions', coalesce(nullif(actions, ''), 'truncate')] end
    from (select
            (select string_agg(regexp_replace(t.schemaname, '([ '',.*\\])', '\\\1', 'g') || '.'
                               || regexp_replace(t.tablename, '([ '',.*\\])', '\\\1', 'g'), ',')
               from pg_publication_tables t where t.pubname = p.pubname) as tables,
            array_to_string(array_remove(array[case when p.pubinsert then 'insert' end,
                                               case when p.pubupdate then 'update' end,
                                               case when p.pubdelete then 'delete' end], null), ',')
              as actions
            from (select) as one left join pg_publication p on p.pubname = publication) as published
$$;

-- The changes of the publication's tables committed since `taken`, the flushed WAL position the last
-- call answered with. Nothing at all, and no decoding, while no WAL was flushed since; otherwise the
-- new position on every row, with one row per change (data null when no change was decoded).
-- Decoding stops at that position, so the publication read first always matches the WAL decoded.
create function pg_temp.devstack_realtime_take(slot name, publication name, taken pg_lsn, max_changes int)
returns table (flushed pg_lsn, data text)
language plpgsql as $$
declare
  upto pg_lsn := pg_current_wal_flush_lsn();
begin
  if upto = taken then
    return;
  end if;
  return query
    select upto, d.data
      from pg_logical_slot_get_changes(slot, upto, max_changes,
                                       variadic pg_temp.devstack_realtime_options(publication)) d;
  if not found then
    return query select upto, null::text;
  end if;
end
$$;
