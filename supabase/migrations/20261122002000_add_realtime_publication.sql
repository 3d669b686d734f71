-- Tables whose changes reach browsers through Supabase Realtime (RLS still decides who gets each
-- row). REPLICA IDENTITY FULL where a client needs the old values of an UPDATE: notifications (a
-- read_at change decrements the unread badge) and conversations (unread_count and assignment
-- changes move a thread between inbox lists). crm_messages keeps the default identity: 3 million
-- rows take several status updates each, and the timeline needs only the new row.

alter publication supabase_realtime add table
  public.crm_messages, public.conversations, public.notifications, public.ticket_messages, public.lead_imports;

alter table public.notifications replica identity full;
alter table public.conversations replica identity full;
