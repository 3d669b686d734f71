-- Audit log: who changed what on sensitive tables, written only by triggers. Invariants: rows are
-- never updated or deleted through the API; secrets are redacted before they are written; the
-- actor is the JWT's user (the service sets request.jwt.claims to the acting admin's id when it
-- acts for one) and 'system' when there is none.

create table public.audit_logs (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  entity_table text not null,
  entity_id text,
  changes jsonb not null
);
comment on table public.audit_logs is
  'Append-only history of sensitive rows. changes: {"new": row} on insert, {"old": row} on delete, '
  '{"old": changed columns, "new": changed columns} on update. No FK on actor_id: history outlives users.';
alter table public.audit_logs enable row level security;

create policy "Admins can read the audit log" on public.audit_logs
  for select to authenticated using ((select private.is_admin()));
-- No insert, update or delete policy: only private.record_audit() writes, and nobody rewrites history.

create index audit_logs_entity_idx on public.audit_logs (entity_table, entity_id, occurred_at desc);
create index audit_logs_occurred_at_idx on public.audit_logs (occurred_at desc);
create index audit_logs_actor_idx on public.audit_logs (actor_id, occurred_at desc);

create or replace function private.audit_changes(before jsonb, after jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select case
    when before is null then jsonb_build_object('new', after)
    when after is null then jsonb_build_object('old', before)
    else (
      select jsonb_build_object('old', jsonb_object_agg(b.key, b.value), 'new', jsonb_object_agg(b.key, after -> b.key))
        from jsonb_each(before) b
       where b.key <> 'updated_at' and b.value is distinct from after -> b.key
      having count(*) > 0
    )
  end
$$;
comment on function private.audit_changes(jsonb, jsonb) is
  'The changes column for a row change; null for an update that changed nothing but updated_at.';

create or replace function private.redact(row_data jsonb, secret_columns text[]) returns jsonb
language sql immutable set search_path = '' as $$
  select row_data || coalesce((
    select jsonb_object_agg(c, 'redacted:' || md5((row_data -> c)::text))
      from unnest(secret_columns) c
     where row_data ? c), '{}')
$$;
comment on function private.redact(jsonb, text[]) is
  'Replaces secret values by a digest: a change stays visible in the audit log, the value does not.';

create or replace function private.record_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  before jsonb := case when tg_op <> 'INSERT' then private.redact(to_jsonb(old), tg_argv) end;
  after jsonb := case when tg_op <> 'DELETE' then private.redact(to_jsonb(new), tg_argv) end;
  changes jsonb := private.audit_changes(before, after);
begin
  if changes is not null then
    insert into public.audit_logs (actor_id, actor_role, action, entity_table, entity_id, changes)
    values (auth.uid(), coalesce(private.app_role()::text, auth.role(), 'system'), lower(tg_op),
            tg_table_name, coalesce(after, before) ->> 'id', changes);
  end if;
  return null;
end
$$;
comment on function private.record_audit() is
  'AFTER row trigger for sensitive tables; trigger arguments name secret columns to redact.';

create trigger profiles_audit after insert or update or delete on public.profiles
  for each row execute function private.record_audit();

revoke execute on all functions in schema private from public;
