-- A payment link message (payment_link, fee_reminder) can wait in the outbox: WhatsApp is held by quiet
-- hours, a send may back off. PhonePe links lapse an hour after they are made, so a link made at 21:30
-- reached a WhatsApp-only payer the next morning, dead; a link could also go after it was paid. The outbox
-- gate now asks, at send time, whether the payment still takes payment, by this one rule: open (created,
-- pending) and not lapsed, or an Instamojo link whose attempt failed and that has not lapsed
-- (private.payable_after_failure).

create function private.link_payable(pay public.payments) returns boolean
language sql stable set search_path = '' as $$
  select (pay.status in ('created', 'pending') and (pay.expires_at is null or pay.expires_at > now()))
      or private.payable_after_failure(pay, pay.status::text)
$$;
comment on function private.link_payable(public.payments) is
  'Whether the payment''s link still takes payment: open and not lapsed, or an Instamojo link that failed '
  'and has not lapsed. The outbox gate skips a link message whose payment is no longer payable.';

revoke execute on all functions in schema private from public;
