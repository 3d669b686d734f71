-- The Today page's "needs your action" counts in one round trip instead of five HEAD requests
-- (browsers open at most six connections per host, so five counts queued behind the page's other
-- reads). Each count is served by an existing index: leads_status_created_at_idx,
-- cta_submissions_pending_idx, conversations_inbox_idx, payments_open_idx and outbox_dead_idx.

create or replace function public.get_action_counts() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform private.require_admin('read the action counts');
  return jsonb_build_object(
    'new_leads', (select count(*) from public.leads l where l.status = 'new'),
    'pending_reviews', (select count(*) from public.cta_submissions c where c.status = 'new'),
    'unread_conversations', (select count(*) from public.conversations v where v.unread_count > 0),
    'payments_pending', (select count(*) from public.payments p where p.status in ('created', 'pending')),
    'dead_messages', (select count(*) from public.outbox o where o.status = 'dead')
  );
end
$$;
comment on function public.get_action_counts() is
  'What waits for the admin now: new leads, CTA submissions to review, unread conversations, open '
  'payment links and dead-lettered messages, as {new_leads, pending_reviews, unread_conversations, '
  'payments_pending, dead_messages}. 42501 unless admin.';
revoke execute on function public.get_action_counts() from public, anon;
grant execute on function public.get_action_counts() to authenticated, service_role;
