"""Timeline messages the providers accepted, recorded as a group: one statement marks every message sent
and writes each one's channel log (email, WhatsApp or call), whatever the group's size."""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg.types.json import Jsonb

from automation.outbox.registry import SentMessage

# A channel log that already exists (a resend after a crash) keeps its row and takes the new provider id.
RECORD_MESSAGES = """
with sent as materialized (
  select * from jsonb_to_recordset(%s) as s(
    crm_message_id uuid, channel text, provider text, provider_message_id text, subject text, body text,
    log jsonb)
), timeline as (
  update public.crm_messages m
     set status = 'sent', provider = s.provider, provider_message_id = s.provider_message_id,
         subject = coalesce(s.subject, m.subject), body = coalesce(s.body, m.body)
    from sent s
   where m.id = s.crm_message_id
), emails as (
  insert into public.email_logs (message_id, to_email, subject, categories, provider_message_id)
  select s.crm_message_id, l.to_email, l.subject, coalesce(l.categories, '{}'), s.provider_message_id
    from sent s, jsonb_to_record(s.log) as l(to_email text, subject text, categories text[])
   where s.channel = 'email'
  on conflict (message_id) do update set provider_message_id = excluded.provider_message_id
), whatsapps as (
  insert into public.whatsapp_logs
         (message_id, to_phone, template_name, template_params, media_url, provider_message_id, sent_at)
  select s.crm_message_id, l.to_phone, l.template_name, coalesce(l.template_params, '[]'), l.media_url,
         s.provider_message_id, now()
    from sent s, jsonb_to_record(s.log) as l(to_phone text, template_name text, template_params jsonb,
                                             media_url text)
   where s.channel = 'whatsapp'
  on conflict (message_id) do update set provider_message_id = excluded.provider_message_id
)
insert into public.call_logs (message_id, to_phone, execution_id, status)
select s.crm_message_id, l.to_phone, s.provider_message_id, 'queued'
  from sent s, jsonb_to_record(s.log) as l(to_phone text)
 where s.channel = 'call'
on conflict (message_id) do update set execution_id = excluded.execution_id
"""


def record_messages(conn: psycopg.Connection, messages: Sequence[SentMessage]) -> None:
    """Mark `messages` sent on the timeline and write their channel logs, in one statement."""
    if messages:
        # vars, not asdict: only serialized here, and asdict deep-copies every field (11 µs a message)
        conn.execute(RECORD_MESSAGES, (Jsonb([vars(m) for m in messages]),))
