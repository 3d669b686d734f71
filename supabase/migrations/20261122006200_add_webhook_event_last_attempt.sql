-- The webhook sweep retries stored events that nothing acted on; it waits between attempts, counted from
-- the last one, so that passes on several instances (or in quick succession) never retry an event at once.

alter table public.webhook_events add column last_attempt_at timestamptz;
comment on column public.webhook_events.last_attempt_at is
  'When the event was last acted on (or tried); the sweep retries an unprocessed event only after '
  'WEBHOOK_SWEEP_AGE_SECONDS since then (or since received_at), up to WEBHOOK_SWEEP_MAX_ATTEMPTS attempts.';
