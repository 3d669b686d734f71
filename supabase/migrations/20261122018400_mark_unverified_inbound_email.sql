-- An email whose From address its domain did not vouch for (no passing DKIM signature, no SPF pass for an
-- aligned envelope sender) is filed as unverified (docs/decisions/0674): the admin sees it, marked, and it
-- is never taken as the contact's. It changes no consent (the service), does not stop the contact's
-- follow-ups as a reply would, does not count as their latest message to us, and the inbox preview and the
-- Today feed say it is unverified instead of naming the contact as its author.

alter table public.crm_messages
  add column claimed_sender text
  check (claimed_sender is null or (direction = 'inbound' and length(claimed_sender) between 3 and 320));
comment on column public.crm_messages.claimed_sender is
  'Set only on an inbound email whose sender nothing authenticated: the From address it claimed. Such a '
  'message is shown as unverified, changes no consent and does not stop sequences; null: the sender was '
  'verified (or the channel itself proves who wrote).';

-- As 20261122013000, with a verified reply and an unverified email told apart.
create or replace function private.file_messages_in_conversations() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  thread record;
  filed record;
begin
  for thread in
    with inserted as (
      -- A transition table is read in insertion order; the row trigger let the last row's preview win.
      select m.conversation_id, m.created_at, m.channel, m.direction,
             m.direction = 'inbound' and m.claimed_sender is null as reply,
             case when m.claimed_sender is not null then 'Unverified sender: ' else '' end
               || coalesce(m.subject, m.body, '') as preview,
             row_number() over () as position
        from new_rows m
    )
    select i.conversation_id, max(i.created_at) as last_at,
           max(i.created_at) filter (where i.reply) as inbound_at,
           count(*) filter (where i.direction = 'inbound')::integer as inbound,
           count(*) filter (where i.reply)::integer as replies,
           (array_agg(left(i.preview, 140) order by i.position desc))[1] as preview,
           (array_agg(i.channel order by i.position desc))[1] as channel
      from inserted i
     group by i.conversation_id
  loop
    update public.conversations c
       set last_message_at = greatest(c.last_message_at, thread.last_at),
           last_message_preview = thread.preview,
           last_channel = thread.channel,
           last_inbound_at = greatest(c.last_inbound_at, thread.inbound_at),
           unread_count = c.unread_count + thread.inbound,
           status = case when thread.inbound > 0 then 'open' else c.status end
     where c.id = thread.conversation_id
    returning c.lead_id, c.profile_id into filed;
    if found and thread.replies > 0 then
      perform private.stop_sequences(filed.lead_id, filed.profile_id, 'replied');
    end if;
  end loop;
  return null;
end
$$;
comment on function private.file_messages_in_conversations() is
  'AFTER INSERT statement trigger on crm_messages (transition table new_rows): updates each conversation''s '
  'summary and unread count once; an inbound message reopens it; a reply (an inbound message whose sender '
  'is not merely claimed) also sets last_inbound_at and stops sequences that stop on a reply. An '
  'unverified email''s preview starts with "Unverified sender: ".';

-- As 20261122017300, with an unverified email titled by the address it claimed, not the contact's name.
create or replace function public.get_recent_activity(max_items integer default 20)
returns table (occurred_at timestamptz, kind text, title text, detail jsonb, entity_table text, entity_id uuid)
language plpgsql stable security definer set search_path = ''
set jit = off as $$
declare
  n integer := least(greatest(coalesce(max_items, 20), 1), 100);
begin
  perform private.require_admin('read recent activity');
  return query
  select feed.* from (
    (select l.created_at, 'lead_created', l.full_name, jsonb_build_object('source', l.source), 'leads', l.id
       from public.leads l order by l.created_at desc limit n)
    union all
    (select c.submitted_at, 'cta_submitted', l.full_name, jsonb_build_object('status', c.status), 'cta_submissions', c.id
       from public.cta_submissions c join public.leads l on l.id = c.lead_id order by c.submitted_at desc limit n)
    union all
    (select p.paid_at, 'payment_received', coalesce(pr.full_name, l.full_name),
            jsonb_build_object('amount_paise', p.received_paise, 'currency', p.currency, 'provider', p.provider),
            'payments', p.id
       from public.payments p
       left join public.profiles pr on pr.id = p.profile_id
       left join public.leads l on l.id = p.lead_id
      where p.paid_at is not null order by p.paid_at desc limit n)
    union all
    (select e.activated_at, 'enrollment_activated', pr.full_name, jsonb_build_object('batch', b.name), 'enrollments', e.id
       from public.enrollments e
       join public.profiles pr on pr.id = e.student_id
       join public.batches b on b.id = e.batch_id
      where e.activated_at is not null order by e.activated_at desc limit n)
    union all
    (select m.created_at, 'message_received',
            case when m.claimed_sender is null then coalesce(pr.full_name, l.full_name)
                 else 'Unverified sender claiming ' || m.claimed_sender end,
            jsonb_build_object('channel', m.channel, 'party', m.party, 'preview', left(m.body, 140)),
            'crm_messages', m.id
       from public.crm_messages m
       join public.conversations c on c.id = m.conversation_id
       left join public.profiles pr on pr.id = c.profile_id
       left join public.leads l on l.id = c.lead_id
      where m.direction = 'inbound' order by m.created_at desc limit n)
    union all
    (select x.submitted_at, 'submission_received', pr.full_name, jsonb_build_object('assignment', a.title),
            'assignment_submissions', x.id
       from public.assignment_submissions x
       join public.profiles pr on pr.id = x.student_id
       join public.assignments a on a.id = x.assignment_id
      order by x.submitted_at desc limit n)
    union all
    (select t.created_at, 'ticket_opened', pr.full_name, jsonb_build_object('subject', t.subject), 'support_tickets', t.id
       from public.support_tickets t join public.profiles pr on pr.id = t.student_id
      order by t.created_at desc limit n)
    union all
    (select ce.issued_at, 'certificate_issued', pr.full_name, jsonb_build_object('course', co.title), 'certificates', ce.id
       from public.certificates ce
       join public.profiles pr on pr.id = ce.student_id
       join public.courses co on co.id = ce.course_id
      order by ce.issued_at desc limit n)
  ) as feed
  order by 1 desc
  limit n;
end
$$;
comment on function public.get_recent_activity(integer) is
  'The newest events across leads, CTA submissions, payments, enrollments, inbound messages, '
  'submissions, tickets and certificates (at most 100). title names the person (an unverified email: '
  'the address it claimed, said to be unverified); detail depends on kind (a payment''s amount_paise is '
  'what it received). 42501 unless admin.';

revoke execute on all functions in schema private from public;
