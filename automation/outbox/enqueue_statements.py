"""The statements that enqueue: a provider request's outbox row, and messages with their timeline rows."""

INSERT_OUTBOX = """
insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id, party,
                           cause_table, cause_id, created_by, max_attempts)
values (%(channel)s, %(operation)s, %(idempotency_key)s, %(payload)s, %(lead_id)s, %(profile_id)s,
        %(party)s, %(cause_table)s, %(cause_id)s, %(created_by)s, coalesce(%(max_attempts)s::smallint, 8))
on conflict (idempotency_key) do nothing
returning id
"""


# The rows to write: many as a JSON recordset (a key given twice counts once); one, the usual case, as the
# typed parameters it had before there were many.
MANY = """
select distinct on (r.idempotency_key) r.*
  from jsonb_to_recordset(%(rows)s) as r(channel text, operation text, idempotency_key text, payload jsonb,
                                         lead_id uuid, profile_id uuid, party text, cause_table text,
                                         cause_id text, created_by uuid, subject text, body text,
                                         template text)
"""
ONE = """
select %(channel)s::text as channel, %(operation)s::text as operation, %(idempotency_key)s::text as
       idempotency_key, %(payload)s::jsonb as payload, %(lead_id)s::uuid as lead_id,
       %(profile_id)s::uuid as profile_id, %(party)s::text as party, %(cause_table)s::text as cause_table,
       %(cause_id)s::text as cause_id, %(created_by)s::uuid as created_by, %(subject)s::text as subject,
       %(body)s::text as body, %(template)s::text as template
"""
# One round trip for any number of messages: the outbox rows and, for each key that was new, the timeline row
# it points to (the foreign key is checked at the end of the statement, when both exist).
ENQUEUE = """
with wanted as ({wanted}), queued as (
  insert into public.outbox (channel, operation, idempotency_key, payload, lead_id, profile_id, party,
                             cause_table, cause_id, created_by, crm_message_id, campaign_id)
  select w.channel::public.outbox_channel, w.operation, w.idempotency_key, w.payload, w.lead_id,
         w.profile_id, w.party::public.contact_party, w.cause_table, w.cause_id, w.created_by,
         gen_random_uuid(), %(campaign_id)s::uuid
    from wanted w
  on conflict (idempotency_key) do nothing
  returning id, crm_message_id, idempotency_key
), shown as (
  insert into public.crm_messages (id, conversation_id, party, channel, direction, subject, body, template,
                                   status, author_id, campaign_id)
  select q.crm_message_id, private.conversation_of(w.lead_id, w.profile_id), w.party::public.contact_party,
         w.channel::public.message_channel, 'outbound', w.subject, w.body, w.template, 'queued', w.created_by,
         %(campaign_id)s::uuid
    from queued q join wanted w using (idempotency_key)
)
select id, crm_message_id, idempotency_key from queued
"""
ENQUEUE_MANY, ENQUEUE_ONE = ENQUEUE.format(wanted=MANY), ENQUEUE.format(wanted=ONE)
