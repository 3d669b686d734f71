-- A student could lift what was not theirs to lift (docs/decisions/0681-students-keep-suppressions.md):
-- "Students can change their household's consents" let them turn a provider suppression (a hard bounce,
-- a spam report) or the STOP their parent sent back into opted_in, and private.stamp_consent kept any
-- source they wrote, so the change could pass for a form answer or a bounce. A student's write is now
-- always their profile page's answer, and those rows are refused with a message the page shows.

create function private.guard_student_consent() returns trigger
language plpgsql set search_path = '' as $$
begin
  if private.is_trusted_session() or private.is_admin() then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if old.source in ('email_bounce', 'spam_report') then
      raise exception '%', case old.source
          when 'email_bounce' then 'Our emails to this address bounced, so the center stopped sending them.'
          else 'This address marked our email as spam, so the center stopped sending to it.' end
        using errcode = '42501',
              hint = 'Ask the center to check the address and turn email back on.';
    end if;
    if old.party = 'parent' and old.source in ('inbound_keyword', 'unsubscribe_link') then
      raise exception 'Your parent asked us to stop contacting them here, so only they can change it.'
        using errcode = '42501',
              hint = 'Your parent can reply START to our message, or ask the center.';
    end if;
  end if;
  new.source := 'profile';
  return new;
end
$$;
comment on function private.guard_student_consent() is
  'BEFORE INSERT OR UPDATE on consents (security invoker, so it sees the real caller): for a student, '
  'the source is always profile, and a provider suppression or the parent''s own opt-out is refused '
  '(42501, with a hint). Admins and the service pass.';

-- Only the end-user API roles are checked: the service's own writes (a form's consents, every intake) do not
-- fire the trigger at all (private.is_trusted_session is the same test).
create trigger consents_guard_student before insert or update on public.consents
  for each row when (current_user in ('anon', 'authenticated'))
  execute function private.guard_student_consent();

revoke execute on all functions in schema private from public;
