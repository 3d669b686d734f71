-- Inserts and deletes on audited tables are audited once per statement (a multi-row insert writes its
-- audit rows in one statement, reading the actor once); updates stay per row, where the old and new
-- row are paired. The audit rows are the same as before (docs/decisions/0560-cheaper-intake-triggers.md).

create or replace function private.audit_actor_role(actor uuid) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  -- private.app_role() is null without an actor; skip its profile lookup then.
  return coalesce(case when actor is not null then private.app_role()::text end, auth.role(), 'system');
end
$$;
comment on function private.audit_actor_role(uuid) is
  'The audit log''s actor_role: the actor''s app role, else the JWT role, else system.';

create or replace function private.record_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := auth.uid();
  before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  changes jsonb;
begin
  if tg_nargs > 0 then
    before := private.redact(before, tg_argv);
    after := private.redact(after, tg_argv);
  end if;
  changes := private.audit_changes(before, after);
  if changes is not null then
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    values (actor, private.audit_actor_role(actor), lower(tg_op), tg_table_name,
            coalesce(after, before) ->> 'id', changes);
  end if;
  return null;
end
$$;
comment on function private.record_audit() is
  'AFTER row trigger for sensitive tables (updates; inserts and deletes go through '
  'private.record_audit_rows); trigger arguments name secret columns to redact.';

create or replace function private.record_audit_rows() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := auth.uid();
  acting_role text := private.audit_actor_role(actor);
begin
  -- offset 0 keeps each subquery whole, so a row is redacted once, not once per use of row_data.
  if tg_op = 'INSERT' then
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    select actor, acting_role, 'insert', tg_table_name, r.row_data ->> 'id', jsonb_build_object('new', r.row_data)
      from (select private.redact(to_jsonb(n), tg_argv) as row_data from new_rows n offset 0) r;
  else
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    select actor, acting_role, 'delete', tg_table_name, r.row_data ->> 'id', jsonb_build_object('old', r.row_data)
      from (select private.redact(to_jsonb(o), tg_argv) as row_data from old_rows o offset 0) r;
  end if;
  return null;
end
$$;
comment on function private.record_audit_rows() is
  'AFTER INSERT or AFTER DELETE statement trigger (transition table new_rows or old_rows) for sensitive '
  'tables: one audit row per row, written in one statement; arguments name secret columns to redact.';

-- Every row-level audit trigger that covers inserts or deletes keeps only its update, and gains the
-- statement triggers (a trigger with transition tables takes a single event). Names and arguments come
-- from the catalog, not from user data.
do $$
declare
  t record;
  args text;
begin
  for t in
    select tr.tgrelid::regclass as tbl, tr.tgname, tr.tgtype, tr.tgnargs,
           string_to_array(encode(tr.tgargs, 'escape'), '\000') as argv
      from pg_trigger tr
     where tr.tgfoid = 'private.record_audit'::regproc and not tr.tgisinternal
       and tr.tgtype & 1 = 1 and tr.tgtype & (4 | 8) <> 0
  loop
    args := array_to_string(array(select quote_literal(a) from unnest(t.argv[1:t.tgnargs]) a), ', ');
    execute format('drop trigger %I on %s', t.tgname, t.tbl);
    if t.tgtype & 16 <> 0 then
      execute format('create trigger %I after update on %s for each row execute function private.record_audit(%s)',
                     t.tgname, t.tbl, args);
    end if;
    if t.tgtype & 4 <> 0 then
      execute format('create trigger %I after insert on %s referencing new table as new_rows '
                     'for each statement execute function private.record_audit_rows(%s)',
                     t.tgname || '_inserts', t.tbl, args);
    end if;
    if t.tgtype & 8 <> 0 then
      execute format('create trigger %I after delete on %s referencing old table as old_rows '
                     'for each statement execute function private.record_audit_rows(%s)',
                     t.tgname || '_deletes', t.tbl, args);
    end if;
  end loop;
end
$$;

revoke execute on all functions in schema private from public;
