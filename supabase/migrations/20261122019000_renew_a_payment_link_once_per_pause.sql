-- A payment link's renewal during a provider outage (decision 0680).
--
-- private.renew_payment_link made a new order row and a timeline note ("a new order was made") before the
-- provider was asked; with the provider down, every open of the link made another failed row and another
-- false note. Now a renewal the provider did not make pauses the link's renewals for
-- private.renewal_pause(): opens meanwhile get the unmade row back (the page answers 503 with Retry-After)
-- and make no row and no provider call. The note is written by private.record_renewed_order, once the
-- provider made the order.

create function private.renewal_pause() returns interval
language sql immutable set search_path = '' as $$ select interval '1 minute' $$;
comment on function private.renewal_pause() is
  'How long a payment link whose renewal the provider did not make waits before it tries again.';

create or replace function private.renew_payment_link(p_link uuid, p_provider public.payment_provider, p_lifetime interval)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  state jsonb;
  root public.payments;
  latest public.payments;
  renewal public.payments;
begin
  state := private.payment_link_state(p_link);
  select * into root from public.payments where id = (state ->> 'link')::uuid for update;
  state := private.payment_link_state(root.id);  -- again under the lock: another request may have renewed
  if state ->> 'state' not in ('lapsed', 'renew') then
    return null;
  end if;
  select * into latest from public.payments where id = (state ->> 'payment')::uuid;
  if latest.renews = root.id and latest.status = 'failed' and latest.payment_url is null
     and latest.created_at > now() - private.renewal_pause() then
    return latest;  -- the provider did not make the last renewal just now: no new attempt yet
  end if;
  update public.payments set status = 'expired', next_status_check_at = null
   where id = latest.id and status = 'created';
  insert into public.payments (lead_id, profile_id, batch_id, provider, list_price_paise, discount_paise,
                               amount_paise, currency, pricing_note, created_by, expires_at, renews)
  values (root.lead_id, root.profile_id, root.batch_id, p_provider, root.list_price_paise, root.discount_paise,
          root.amount_paise, root.currency, root.pricing_note, root.created_by, now() + p_lifetime, root.id)
  returning * into renewal;
  return renewal;
end
$$;
comment on function private.renew_payment_link(uuid, public.payment_provider, interval) is
  'A new order row for the link (state lapsed, confirmed with the provider, or renew), made under a lock '
  'on the link''s first payment so two payers'' clicks make one; the lapsed order is expired. Null when '
  'the link no longer needs one (renewed meanwhile, paid, closed). Within private.renewal_pause() of a '
  'renewal the provider did not make (failed, no payment_url), that row instead: nothing is made.';

create function private.record_renewed_order(p_payment uuid, p_order text, p_url text) returns void
language plpgsql security definer set search_path = '' as $$
declare
  renewal public.payments;
begin
  update public.payments set provider_order_id = p_order, payment_url = p_url
   where id = p_payment
  returning * into renewal;
  perform private.add_note(renewal.lead_id, renewal.profile_id,
    format('The payment link for %s was opened after its last order lapsed; a new order was made.',
           private.format_inr(renewal.amount_paise)));
end
$$;
comment on function private.record_renewed_order(uuid, text, text) is
  'The provider made the order of a renewal (private.renew_payment_link): its id and checkout URL are '
  'recorded and the timeline notes the new order.';

-- The Retry-After of a link whose renewal the provider did not make.
create function private.renewal_retry_after(p_renewal public.payments) returns integer
language sql stable set search_path = '' as $$
  select greatest(1, ceil(extract(epoch from p_renewal.created_at + private.renewal_pause() - now())))::integer
$$;
comment on function private.renewal_retry_after(public.payments) is
  'Seconds until the link of a renewal the provider did not make may try a new order '
  '(private.renew_payment_link), at least 1.';

revoke execute on all functions in schema private from public;
