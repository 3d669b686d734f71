-- Support tickets with their messages (some internal), and in-app notifications.

create type public.ticket_status as enum ('open', 'pending', 'resolved', 'closed');
create type public.ticket_priority as enum ('low', 'normal', 'high', 'urgent');

-- Tickets. Invariants: opened by a student (or staff on their behalf); updated_at moves with
-- every message.
create table public.support_tickets (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references public.profiles (id) on delete cascade,
  subject text not null check (length(subject) between 1 and 200),
  status public.ticket_status not null default 'open',
  priority public.ticket_priority not null default 'normal',
  assigned_to uuid references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  resolved_at timestamptz
);
comment on table public.support_tickets is 'A student''s request for help; pending = waiting for the student.';
alter table public.support_tickets enable row level security;

create policy "Admins can read every ticket" on public.support_tickets
  for select to authenticated using ((select private.is_admin()));
create policy "Students can read their own tickets" on public.support_tickets
  for select to authenticated using (student_id = (select auth.uid()));
create policy "Admins can open tickets" on public.support_tickets
  for insert to authenticated with check ((select private.is_admin()));
create policy "Students can open tickets for themselves" on public.support_tickets
  for insert to authenticated
  with check (student_id = (select auth.uid()) and status = 'open' and assigned_to is null);
create policy "Admins can update tickets" on public.support_tickets
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete tickets" on public.support_tickets
  for delete to authenticated using ((select private.is_admin()));

create index support_tickets_student_idx on public.support_tickets (student_id, created_at desc);
create index support_tickets_assigned_to_idx on public.support_tickets (assigned_to);
create index support_tickets_open_idx on public.support_tickets (created_at) where status in ('open', 'pending');
create index support_tickets_created_at_idx on public.support_tickets (created_at desc);
create trigger support_tickets_touch_updated_at before update on public.support_tickets
  for each row execute function private.touch_updated_at();

-- Ticket messages. Invariant: internal notes (is_internal) are written and read by staff only.
create table public.ticket_messages (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references public.support_tickets (id) on delete cascade,
  author_id uuid references public.profiles (id) on delete set null,
  body text not null check (length(body) between 1 and 10000),
  is_internal boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.ticket_messages is 'The conversation of a ticket; is_internal rows are staff notes.';
alter table public.ticket_messages enable row level security;

create policy "Admins can read every ticket message" on public.ticket_messages
  for select to authenticated using ((select private.is_admin()));
create policy "Students can read the replies on their tickets" on public.ticket_messages
  for select to authenticated
  using (not is_internal
         and ticket_id in (select t.id from public.support_tickets t where t.student_id = (select auth.uid())));
create policy "Admins can write ticket messages" on public.ticket_messages
  for insert to authenticated with check ((select private.is_admin()));
create policy "Students can reply on their tickets" on public.ticket_messages
  for insert to authenticated
  with check (author_id = (select auth.uid()) and not is_internal
              and ticket_id in (select t.id from public.support_tickets t where t.student_id = (select auth.uid())));
create policy "Admins can edit ticket messages" on public.ticket_messages
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete ticket messages" on public.ticket_messages
  for delete to authenticated using ((select private.is_admin()));

create index ticket_messages_ticket_idx on public.ticket_messages (ticket_id, created_at);
create index ticket_messages_author_idx on public.ticket_messages (author_id);

create or replace function private.touch_ticket() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.support_tickets set updated_at = now() where id = new.ticket_id;
  return null;
end
$$;
create trigger ticket_messages_touch_ticket after insert on public.ticket_messages
  for each row execute function private.touch_ticket();

-- Notifications. Invariant: a user reads, marks read and dismisses only their own, and can change
-- nothing in them but read_at.
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  type text not null check (type ~ '^[a-z][a-z0-9_]*$'),
  title text not null check (length(title) between 1 and 200),
  body text,
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.notifications is
  'An in-app notice (type e.g. session_reminder, grade_posted, payment_received); link is an app path.';
alter table public.notifications enable row level security;

create policy "Users can read their own notifications" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Admins can read every notification" on public.notifications
  for select to authenticated using ((select private.is_admin()));
create policy "Admins can send notifications" on public.notifications
  for insert to authenticated with check ((select private.is_admin()));
create policy "Users can mark their own notifications read" on public.notifications
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Admins can update notifications" on public.notifications
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Users can dismiss their own notifications" on public.notifications
  for delete to authenticated using (user_id = (select auth.uid()));
create policy "Admins can delete notifications" on public.notifications
  for delete to authenticated using ((select private.is_admin()));

create index notifications_user_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create trigger notifications_guard_content before update on public.notifications
  for each row execute function private.restrict_column_changes('admin', 'user_id', 'type', 'title', 'body', 'link', 'created_at');

revoke execute on all functions in schema private from public;
