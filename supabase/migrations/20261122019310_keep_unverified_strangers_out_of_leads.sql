-- An unverified email from an address that is nobody's (docs/decisions/0691) makes no lead: anyone can write
-- any From line, and a lead with a forged address would let the follow-ups and the admins message the real
-- owner of that address. The email is filed on a thread of its own, named by the address it claims, with
-- neither lead nor profile; the inbox shows it like any other. An admin who judges it genuine makes a lead
-- of it (public.make_lead_of_unverified_sender), and a lead made with that address by any other way (a
-- verified reply, the lead form, an import) takes the thread over.

alter table public.conversations add column unverified_sender public.email_address;
alter table public.conversations drop constraint conversations_check;
alter table public.conversations add constraint conversations_contact_or_unverified_sender check (
  case when unverified_sender is null then num_nonnulls(lead_id, profile_id) >= 1
       else num_nonnulls(lead_id, profile_id) = 0 end
);
comment on column public.conversations.unverified_sender is
  'Set only on a thread with neither lead nor profile: the address that unverified emails from nobody we know '
  'claimed (decision 0691). One thread per address; a lead made with the address takes it over (cleared).';
create unique index conversations_unverified_sender_key on public.conversations (unverified_sender)
  where unverified_sender is not null;

create function private.unverified_sender_thread(p_address public.email_address) returns uuid
language plpgsql set search_path = '' as $$
declare
  found_id uuid;
begin
  for attempt in 1..2 loop
    -- citext's own equality (search_path is empty): the unique index's, case-insensitive.
    found_id := (select c.id from public.conversations c
                  where c.unverified_sender operator(extensions.=) p_address);
    exit when found_id is not null or attempt = 2;
    insert into public.conversations (unverified_sender) values (p_address) on conflict do nothing;
  end loop;
  return found_id;
end
$$;
comment on function private.unverified_sender_thread(public.email_address) is
  'The thread of unverified emails claiming p_address, an address no contact has; started if there is none.';

create function private.adopt_unverified_sender_threads() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.conversations c set lead_id = n.id, unverified_sender = null
    from new_rows n
   where c.unverified_sender operator(extensions.=) n.email;
  return null;
end
$$;
comment on function private.adopt_unverified_sender_threads() is
  'AFTER INSERT statement trigger on leads: a new lead takes over the thread of unverified emails claiming '
  'its address; they stay marked unverified on its timeline.';
create trigger leads_adopt_unverified_sender_threads after insert on public.leads
  referencing new table as new_rows
  for each statement execute function private.adopt_unverified_sender_threads();

create function private.merge_thread_into(p_thread public.conversations, p_target uuid) returns void
language plpgsql set search_path = '' as $$
begin
  update public.crm_messages set conversation_id = p_target where conversation_id = p_thread.id;
  update public.conversations t
     set last_message_at = greatest(t.last_message_at, p_thread.last_message_at),
         last_message_preview = case when t.last_message_at is null or p_thread.last_message_at > t.last_message_at
                                     then p_thread.last_message_preview else t.last_message_preview end,
         last_channel = case when t.last_message_at is null or p_thread.last_message_at > t.last_message_at
                             then p_thread.last_channel else t.last_channel end,
         unread_count = t.unread_count + p_thread.unread_count,
         status = case when p_thread.unread_count > 0 then 'open' else t.status end
   where t.id = p_target;
  delete from public.conversations where id = p_thread.id;
end
$$;
comment on function private.merge_thread_into(public.conversations, uuid) is
  'Moves every message of p_thread onto thread p_target, adds its unread count and newer summary, and '
  'deletes it.';

create function public.make_lead_of_unverified_sender(p_conversation uuid, p_full_name text default '')
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  thread public.conversations;
  lead public.leads;
  name text := left(btrim(coalesce(p_full_name, '')), 200);
begin
  perform private.require_admin('make a lead of an unverified sender');
  select * into thread from public.conversations where id = p_conversation for update;
  if not found then
    raise exception 'This conversation no longer exists.' using errcode = 'P0002',
      hint = 'Reload the inbox: another admin may have made a lead of it already.';
  end if;
  if thread.unverified_sender is null then
    raise exception 'This conversation already belongs to a lead or student.' using errcode = '22023',
      hint = 'Reload the conversation to see whose it is.';
  end if;
  select * into lead from public.leads l where l.email operator(extensions.=) thread.unverified_sender;
  if found then  -- the address became a lead's after the thread began (its email was changed to it)
    perform private.merge_thread_into(thread, private.conversation_of(lead.id, lead.converted_profile_id));
  else
    insert into public.leads (full_name, email, source) values (name, thread.unverified_sender, 'manual')
    returning * into lead;  -- leads_adopt_unverified_sender_threads moves the thread onto it
  end if;
  perform private.add_note(lead.id, lead.converted_profile_id, format(
    'An admin made this a lead from emails claiming to be from %s, which that address''s domain did not '
    'verify. Those emails stay marked unverified; they changed no consent.', thread.unverified_sender));
  return lead.id;
end
$$;
comment on function public.make_lead_of_unverified_sender(uuid, text) is
  'An admin judged the unverified emails of thread p_conversation (one with unverified_sender) genuine: a lead '
  'with that address (named p_full_name) takes the thread over, or the lead that has the address by now; a '
  'note says so. Returns the lead id. 42501 unless admin; P0002 for no such thread; 22023 when the thread '
  'already belongs to a contact.';
revoke execute on function public.make_lead_of_unverified_sender(uuid, text) from public, anon;
grant execute on function public.make_lead_of_unverified_sender(uuid, text) to authenticated;

revoke execute on all functions in schema private from public;
