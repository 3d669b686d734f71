-- A reclaimed outbox row whose earlier claim went stale is "in doubt": its worker died holding it, after or
-- before the provider accepted it. Before sending it again the gate looks for the provider's evidence of
-- acceptance, stored webhook events that echo our message id (decision 0580); these indexes find them.

alter table public.outbox add column in_doubt_since timestamptz;
comment on column public.outbox.in_doubt_since is
  'When a claim of this row was last found stale (its worker died holding it, so the provider may have '
  'accepted it). Email and calls are held until evidence of acceptance is found (then recorded as sent '
  'without sending) or OUTBOX_IN_DOUBT_GRACE_SECONDS have passed (then sent again).';

-- SendGrid events carry our custom args at the top level; Bolna's executions carry user_data as
-- context_details.recipient_data.
create index webhook_events_sendgrid_message_idx on public.webhook_events ((payload ->> 'coachbase_message_id'))
  where provider = 'sendgrid';
create index webhook_events_bolna_message_idx
  on public.webhook_events ((payload #>> '{context_details,recipient_data,coachbase_message_id}'))
  where provider = 'bolna';
