-- A campaign's and a CRM reply's request id name one request too (decision 0698, after 0696): a retry of the
-- same campaign or reply answers with what it did, the same id reused for a different one is refused.

-- Invariants (as 0696): one row per (scope, request_id), written in the transaction that queued the
-- request's messages; content is what the first request asked and never changes.
--   campaign: {name, channel, template, audience} (audience as public.campaigns.audience keeps it)
--   reply:    {lead, channel, subject (email only), body}
alter table private.message_requests drop constraint message_requests_scope_check;
alter table private.message_requests add constraint message_requests_scope_check
  check (scope in ('template', 'bulk', 'campaign', 'reply'));
comment on table private.message_requests is
  'The content each admin request id asked for, per scope (template: a course template to one lead; bulk: '
  'to a segment; campaign: a campaign''s name, channel, template and audience; reply: a CRM reply''s lead, '
  'channel and text). Never exposed: only the service reads and writes it.';

-- Campaigns sent before this kept what they asked in their own row: remember it, so reusing one of their
-- ids for another campaign is refused as well.
insert into private.message_requests (scope, request_id, content, created_at)
select 'campaign', c.request_id,
       jsonb_build_object('name', c.name, 'channel', c.channel::text, 'template', c.template,
                          'audience', c.audience),
       c.created_at
  from public.campaigns c
on conflict (scope, request_id) do nothing;
