-- A completed import's leads are in (an import changes leads in one transaction), so a cancel that
-- reaches it is refused rather than leaving a row that says cancelled beside the leads it imported.
-- A running import holds its row from its last cancel check to its commit: a cancel sent meanwhile
-- waits, then either meets a completed import (refused here) or a rolled-back one (it applies).

create function private.refuse_cancelling_a_completed_import() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception 'this import has already completed and its leads are in; it can no longer be cancelled'
    using errcode = '23514',
          hint = 'Review the imported leads (they carry this import''s id) and edit or delete them instead.';
end;
$$;
comment on function private.refuse_cancelling_a_completed_import() is
  'BEFORE UPDATE of lead_imports.status: refuses completed -> cancelled.';

create trigger lead_imports_refuse_cancelling_completed before update of status on public.lead_imports
  for each row when (old.status = 'completed' and new.status = 'cancelled')
  execute function private.refuse_cancelling_a_completed_import();
revoke execute on function private.refuse_cancelling_a_completed_import() from public;
