-- Tables the realtime conformance tests subscribe to. `rt_messages` is private to its owner by RLS;
-- `rt_board` has no RLS and full replica identity, so old rows arrive whole.
create table public.rt_messages (
  id bigint generated always as identity primary key,
  owner uuid not null,
  body text not null,
  tags text[] not null default '{}',
  meta jsonb not null default '{}',
  amount numeric(10, 2),
  sent_at timestamptz not null default now()
);
alter table public.rt_messages enable row level security;
create policy "owners read their messages" on public.rt_messages
  for select to authenticated using (owner = (select auth.uid()));

create table public.rt_board (
  id int primary key,
  label text not null,
  score int not null default 0,
  done boolean not null default false
);
alter table public.rt_board replica identity full;

alter publication supabase_realtime add table public.rt_messages, public.rt_board;
