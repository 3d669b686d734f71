-- A payment link that outlives its provider order (decision 0666).
--
-- A PhonePe order lapses an hour after it is made (expireAfter is at most 3600 s), so the checkout URL in a
-- payment link message or a fee reminder sent the next day led nowhere. Messages now carry the web app's
-- page /pay/<payment id> instead; opening it asks private.payment_link_state what to do: go to the
-- provider's checkout while an order is open, show the result of a payment made or under way, say why the
-- link is closed, or make a fresh order (a renewal: a new payments row, `renews` = the link's first
-- payment). Each order keeps its own row, so webhooks, reconciliation and the status rules stay per order.

alter table public.payments
  add column renews uuid references public.payments (id) on delete set null,
  add column link_closed_at timestamptz,
  add constraint payments_renews_another check (renews <> id);
comment on column public.payments.renews is
  'Set on a renewal: the link''s first payment, whose order lapsed; the link (/pay/<first payment id>) '
  'made this order when the payer opened it again. Null on a link''s first payment.';
comment on column public.payments.link_closed_at is
  'On a link''s first payment: when an admin closed the link (private.close_payment_link); it then takes '
  'no payment, is not reminded and its waiting messages are not sent. Why is on the timeline only: a '
  'student reads their own payments rows, and an admin''s reason is not for them.';
create index payments_renews_idx on public.payments (renews) where renews is not null;
-- Only the service renews or closes a link (closing also expires its orders and cancels its messages): an
-- admin's client does neither directly.
create trigger payments_guard_link
  before update of renews, link_closed_at on public.payments
  for each row
  execute function private.restrict_column_changes('service', 'renews', 'link_closed_at');
alter policy "Admins can create payment links" on public.payments
  with check ((select private.is_admin()) and renews is null);

create function private.payment_link_state(p_link uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  asked public.payments;
  root public.payments;
  latest public.payments;
  settled public.payments;
  lead_status public.lead_status;
  batch public.batches;
  margin constant interval := interval '2 minutes';  -- an order closer to lapsing than this is renewed
  shown jsonb;
begin
  select * into asked from public.payments where id = p_link;
  if not found then
    return null;
  end if;
  -- The payer's newest link for the batch: a link the admin replaced leads to its replacement.
  select * into root from public.payments n
   where n.renews is null and n.batch_id = asked.batch_id
     and (n.lead_id = asked.lead_id or n.profile_id = asked.profile_id)
   order by n.created_at desc, n.id desc limit 1;
  if root.id is null then  -- `asked` is a renewal whose first payment was deleted
    root := asked;
  end if;
  select * into batch from public.batches b where b.id = root.batch_id;
  select * into latest from public.payments m
   where m.id = root.id or m.renews = root.id order by m.created_at desc, m.id desc limit 1;
  shown := jsonb_build_object('link', root.id, 'amount_paise', root.amount_paise, 'currency', root.currency,
    'batch', batch.name, 'course', (select c.title from public.courses c where c.id = batch.course_id),
    'center', (select jsonb_build_object('name', cs.name, 'phone', cs.contact_phone, 'website', cs.website_url)
                 from public.center_settings cs));

  -- Settled: the payer paid the batch in full on any link, or this link took a payment (even short of the
  -- fee: a link for the balance is a newer link, decision 0668). Refunded: this link's payment was.
  select * into settled from public.payments q
   where q.batch_id = root.batch_id and (q.lead_id = root.lead_id or q.profile_id = root.profile_id)
     and q.status in ('paid', 'refund_pending')
     and (q.received_paise >= q.amount_paise or q.id = root.id or q.renews = root.id)
   order by q.paid_at desc limit 1;
  if settled.id is not null then
    return shown || jsonb_build_object('state', 'settled', 'payment', settled.id);
  end if;
  if root.link_closed_at is not null then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'closed');
  end if;
  if exists (select 1 from public.payments q where (q.id = root.id or q.renews = root.id) and q.status = 'refunded') then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'refunded');
  end if;
  if exists (select 1 from public.enrollments e
              where e.batch_id = root.batch_id and e.status in ('active', 'completed')
                and e.student_id in (root.profile_id,
                                     (select l.converted_profile_id from public.leads l where l.id = root.lead_id))) then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'enrolled');
  end if;
  select l.status into lead_status from public.leads l where l.id = root.lead_id;
  if lead_status = 'lost' then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'withdrawn');
  end if;
  if batch.status in ('completed', 'cancelled') then
    return shown || jsonb_build_object('state', 'closed', 'reason', 'batch_' || batch.status);
  end if;

  if latest.status = 'pending' then
    return shown || jsonb_build_object('state', 'in_progress', 'payment', latest.id);
  end if;
  if latest.payment_url is not null
     and (latest.status = 'created' and (latest.expires_at is null or latest.expires_at > now() + margin)
          or private.payable_after_failure(latest, latest.status::text)) then
    return shown || jsonb_build_object('state', 'checkout', 'payment', latest.id, 'url', latest.payment_url);
  end if;
  if latest.status = 'created' and latest.payment_url is null and latest.created_at > now() - interval '1 minute' then
    return shown || jsonb_build_object('state', 'preparing', 'payment', latest.id);
  end if;
  if latest.status = 'created' and latest.provider_order_id is not null then
    -- Lapsing or lapsed with no attempt we know of: the provider is asked before a new order is made.
    return shown || jsonb_build_object('state', 'lapsed', 'payment', latest.id, 'provider', latest.provider,
                                       'order', latest.provider_order_id);
  end if;
  return shown || jsonb_build_object('state', 'renew', 'payment', latest.id);
end
$$;
comment on function private.payment_link_state(uuid) is
  'What the payment link /pay/<id> does now (jsonb: link, state, payment, url, reason, amount_paise, '
  'currency, batch, course, center). state: checkout (go to url), settled (paid: show payment), in_progress (an '
  'attempt under way: show payment), preparing (an order is being made), lapsed (ask the provider about '
  'order, then renew), renew (make a new order), closed (reason: closed by an admin, refunded, enrolled, '
  'withdrawn, batch_completed, batch_cancelled). Any payment of the link, or an older link of the payer for the batch, '
  'leads to the newest link.';

create function private.renew_payment_link(p_link uuid, p_provider public.payment_provider, p_lifetime interval)
returns public.payments
language plpgsql security definer set search_path = '' as $$
declare
  state jsonb;
  root public.payments;
  renewal public.payments;
begin
  state := private.payment_link_state(p_link);
  select * into root from public.payments where id = (state ->> 'link')::uuid for update;
  state := private.payment_link_state(root.id);  -- again under the lock: another request may have renewed
  if state ->> 'state' not in ('lapsed', 'renew') then
    return null;
  end if;
  update public.payments set status = 'expired', next_status_check_at = null
   where id = (state ->> 'payment')::uuid and status = 'created';
  insert into public.payments (lead_id, profile_id, batch_id, provider, list_price_paise, discount_paise,
                               amount_paise, currency, pricing_note, created_by, expires_at, renews)
  values (root.lead_id, root.profile_id, root.batch_id, p_provider, root.list_price_paise, root.discount_paise,
          root.amount_paise, root.currency, root.pricing_note, root.created_by, now() + p_lifetime, root.id)
  returning * into renewal;
  perform private.add_note(root.lead_id, root.profile_id,
    format('The payment link for %s was opened after its last order lapsed; a new order was made.',
           private.format_inr(root.amount_paise)));
  return renewal;
end
$$;
comment on function private.renew_payment_link(uuid, public.payment_provider, interval) is
  'A new order row for the link (state lapsed, confirmed with the provider, or renew), made under a lock '
  'on the link''s first payment so two payers'' clicks make one; the lapsed order is expired. Null when '
  'the link no longer needs one (renewed meanwhile, paid, closed).';

create function private.close_payment_link(p_link uuid, p_admin uuid, p_reason text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  state jsonb := private.payment_link_state(p_link);
  root public.payments;
  other public.payments;
  reason text := nullif(btrim(p_reason), '');
begin
  if state is null then
    return 'missing';
  end if;
  select * into root from public.payments where id = (state ->> 'link')::uuid for update;
  state := private.payment_link_state(root.id);  -- again under the lock
  if state ->> 'state' in ('settled', 'in_progress') then
    return state ->> 'state';
  end if;
  if root.link_closed_at is not null then
    return 'closed';
  end if;
  update public.payments set link_closed_at = now() where id = root.id;
  for other in
    update public.payments q set status = 'expired', next_status_check_at = null
     where (q.id = root.id or q.renews = root.id)
       and (q.status = 'created' or private.payable_after_failure(q, q.status::text))
    returning q.*
  loop
    if other.provider = 'instamojo' and other.provider_order_id is not null then
      perform private.enqueue_payment_job(other, 'payments', 'disable_payment_link', 'disable_payment_link:' || other.id,
        jsonb_build_object('payment_id', other.id, 'provider', other.provider, 'provider_ref', other.provider_order_id),
        other.profile_id);
    end if;
  end loop;
  update public.outbox o set status = 'cancelled', last_error = 'payment link closed'
   where o.status in ('pending', 'paused') and o.cause_table = 'payments'
     and o.cause_id in (select q.id::text from public.payments q where q.id = root.id or q.renews = root.id)
     and (o.idempotency_key like 'fee_reminder:%' or o.idempotency_key like 'payment_link:%'
          or o.idempotency_key like 'create_payment_link:%');
  perform private.add_note(root.lead_id, root.profile_id,
    format('Payment link for %s closed by %s%s.', private.format_inr(root.amount_paise),
           coalesce((select nullif(p.full_name, '') from public.profiles p where p.id = p_admin), 'an admin'),
           coalesce(': ' || reason, '')));
  return 'closed';
end
$$;
comment on function private.close_payment_link(uuid, uuid, text) is
  'An admin closes a payment link (any of its payments'' ids): it takes no more payment, its open orders '
  'expire (an Instamojo one is disabled at Instamojo through the outbox), its waiting link messages and '
  'reminders are cancelled, and the timeline says who closed it and why. Returns closed (also when it was '
  'already), settled or in_progress (nothing done: a payment was made or is under way) or missing.';

-- The outbox gate skips a link message (payment_link, fee_reminder) whose link no longer takes payment, or
-- whose link the admin replaced with a newer one. A lapsed order no longer matters: the page renews it.
create or replace function private.link_payable(pay public.payments) returns boolean
language sql stable set search_path = '' as $$
  select t.s ->> 'state' in ('checkout', 'lapsed', 'renew', 'preparing') and t.s ->> 'link' = pay.id::text
    from private.payment_link_state(pay.id) as t(s)
$$;
comment on function private.link_payable(public.payments) is
  'Whether the link whose first payment is `pay` still takes payment and is the payer''s newest for the '
  'batch (private.payment_link_state). The outbox gate skips a link message otherwise.';

-- A failed payment's timeline note: the payer can pay again from the same link, whose page makes a new
-- order (an Instamojo link still takes payment as it is); only a closed or replaced link needs a new one.
create or replace function private.after_failure_note(pay public.payments) returns text
language plpgsql stable set search_path = '' as $$
begin
  if not private.link_payable((select p from public.payments p where p.id = coalesce(pay.renews, pay.id))) then
    return 'a new link can be sent.';
  end if;
  if private.payable_after_failure(pay, pay.status::text) then
    return 'the payer can try again on the same link, or a new link can be sent.';
  end if;
  return 'the payer can pay again from the same link, which makes a new order, or a new link can be sent.';
end
$$;

revoke execute on all functions in schema private from public;
