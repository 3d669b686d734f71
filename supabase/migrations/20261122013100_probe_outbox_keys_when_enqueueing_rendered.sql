-- private.enqueue_rendered (a paid payment's welcome) asked whether each message's key was queued with
-- `not exists`, which the planner turned into a hash anti join over a sequential scan of the whole outbox
-- (it assumes 100 rows from jsonb_array_elements): every conversion read every outbox row. A scalar
-- subquery is never pulled up into a join: each message probes outbox_idempotency_key_key once.
create or replace function private.enqueue_rendered(
  p_payment public.payments, p_profile uuid, p_messages jsonb, p_conversation uuid
) returns void
language plpgsql set search_path = '' as $$
begin
  with fresh as (
    select m.value as message, gen_random_uuid() as crm_id
      from jsonb_array_elements(coalesce(p_messages, '[]')) m
     where (select o.id from public.outbox o where o.idempotency_key = m.value ->> 'idempotency_key') is null
  ), timeline as (
    insert into public.crm_messages (id, conversation_id, channel, direction, subject, body, template, status)
    select f.crm_id, p_conversation, (f.message ->> 'channel')::public.message_channel, 'outbound',
           f.message ->> 'subject', f.message ->> 'body', f.message ->> 'template', 'queued'
      from fresh f
  )
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id,
                             cause_table, cause_id, crm_message_id)
  select (f.message ->> 'channel')::public.outbox_channel, f.message ->> 'operation',
         f.message ->> 'idempotency_key', f.message -> 'payload', p_payment.lead_id, p_profile,
         'payments', p_payment.id::text, f.crm_id
    from fresh f
  on conflict (idempotency_key) do nothing;
end
$$;

revoke execute on all functions in schema private from public;
