-- Messages are filed into their conversation once per statement instead of once per row: the form's
-- welcome inserts three timeline rows into one new thread and updated it three times. The thread ends as
-- the row trigger left it (docs/decisions/0560-cheaper-intake-triggers.md): the latest time, the preview
-- and channel of the last message inserted, the latest inbound time, one unread per inbound message, and
-- an inbound message reopens it and stops the contact's sequences that stop on a reply.

create or replace function private.file_messages_in_conversations() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread record;
begin
  for thread in
    with inserted as (
      -- A transition table is read in insertion order; the row trigger let the last row's preview win.
      select m.conversation_id, m.created_at, m.subject, m.body, m.channel, m.direction,
             row_number() over () as position
        from new_rows m
    ), per_thread as (
      select i.conversation_id, max(i.created_at) as last_at,
             max(i.created_at) filter (where i.direction = 'inbound') as inbound_at,
             count(*) filter (where i.direction = 'inbound')::integer as inbound,
             (array_agg(left(coalesce(i.subject, i.body, ''), 140) order by i.position desc))[1] as preview,
             (array_agg(i.channel order by i.position desc))[1] as channel
        from inserted i
       group by i.conversation_id
    )
    update public.conversations c
       set last_message_at = greatest(c.last_message_at, t.last_at),
           last_message_preview = t.preview,
           last_channel = t.channel,
           last_inbound_at = greatest(c.last_inbound_at, t.inbound_at),
           unread_count = c.unread_count + t.inbound,
           status = case when t.inbound > 0 then 'open' else c.status end
      from per_thread t
     where c.id = t.conversation_id
    returning c.lead_id, c.profile_id, t.inbound
  loop
    if thread.inbound > 0 then
      perform private.stop_sequences(thread.lead_id, thread.profile_id, 'replied');
    end if;
  end loop;
  return null;
end
$$;
comment on function private.file_messages_in_conversations() is
  'AFTER INSERT statement trigger on crm_messages (transition table new_rows): updates each conversation''s '
  'summary and unread count once; an inbound message reopens it and stops sequences that stop on a reply.';

drop trigger crm_messages_file_in_conversation on public.crm_messages;
create trigger crm_messages_file_in_conversation after insert on public.crm_messages
  referencing new table as new_rows for each statement execute function private.file_messages_in_conversations();
drop function private.file_message_in_conversation();

revoke execute on all functions in schema private from public;
