-- private.conversation_for (payments) was written beside private.conversation_of (intake) with the same
-- find-or-start logic; it now delegates, so the thread rule lives in one place.
create or replace function private.conversation_for(p_lead uuid, p_profile uuid) returns uuid
language sql set search_path = '' as $$
  select private.conversation_of(p_lead, p_profile)
$$;
comment on function private.conversation_for(uuid, uuid) is
  'The contact''s CRM thread: private.conversation_of under the name the payment functions call.';

revoke execute on all functions in schema private from public;
