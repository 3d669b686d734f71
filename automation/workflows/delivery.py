"""Provider delivery events applied to our rows: statuses only move forward; suppressions recorded."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from automation.messages.status import MessageStatus, advance
from automation.webhooks.events import CallUpdate, StatusUpdate
from automation.workflows.consent import Party, record_opt_out

FIND = """
select m.id::text, m.status::text, c.lead_id::text, c.profile_id::text, m.party::text
  from public.crm_messages m join public.conversations c on c.id = m.conversation_id
 where m.direction = 'outbound'
   and (m.id = %(message_id)s::uuid
        or (m.provider = %(provider)s and m.provider_message_id = %(provider_id)s))
 limit 1
"""
SET_STATUS = "update public.crm_messages set status = %s, error = coalesce(%s, error) where id = %s"
EMAIL_EVENT = """
update public.email_logs set
  open_count = open_count + (v.e = 'open')::int,
  first_opened_at = case when v.e = 'open' then coalesce(first_opened_at, v.at) else first_opened_at end,
  last_opened_at = case when v.e = 'open' then v.at else last_opened_at end,
  click_count = click_count + (v.e = 'click')::int,
  clicked_urls = case when v.e = 'click' and v.d is not null then clicked_urls || v.d else clicked_urls end,
  last_clicked_at = case when v.e = 'click' then v.at else last_clicked_at end,
  bounce_type = case when v.e in ('bounce', 'dropped') then v.e else bounce_type end,
  bounce_reason = case when v.e in ('bounce', 'dropped') then v.d else bounce_reason end,
  spam_reported_at = case when v.e = 'spamreport' then v.at else spam_reported_at end,
  unsubscribed_at = case when v.e like '%%unsubscribe' then v.at else unsubscribed_at end,
  last_event = v.e, last_event_at = v.at
  from (select %(event)s::text as e, %(at)s::timestamptz as at, %(detail)s::text as d) v
 where message_id = %(id)s
returning 1
"""
WHATSAPP_EVENT = """
update public.whatsapp_logs set
  sent_at = case when v.e = 'sent' then coalesce(sent_at, v.at) else sent_at end,
  delivered_at = case when v.e = 'delivered' then coalesce(delivered_at, v.at) else delivered_at end,
  read_at = case when v.e = 'read' then coalesce(read_at, v.at) else read_at end,
  failed_at = case when v.e = 'failed' then coalesce(failed_at, v.at) else failed_at end,
  failure_reason = case when v.e = 'failed' then v.d else failure_reason end
  from (select %(event)s::text as e, %(at)s::timestamptz as at, %(detail)s::text as d) v
 where message_id = %(id)s
returning 1
"""
SUPPRESSION_SOURCES = {
    "bounce": "email_bounce",
    "spam_report": "spam_report",
    "unsubscribe": "unsubscribe_link",
}


def _valid_uuid(value: str | None) -> str | None:
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


def _find(conn: psycopg.Connection, provider: str, message_id: str | None, provider_id: str | None):
    params = {"message_id": _valid_uuid(message_id), "provider": provider, "provider_id": provider_id}
    return conn.cursor(row_factory=dict_row).execute(FIND, params).fetchone()


def _advance(conn: psycopg.Connection, message: dict[str, Any], status: MessageStatus | None, error) -> None:
    if status is None:
        return
    current = MessageStatus(message["status"])
    kept = advance(current, status)
    if kept != current:
        failed = kept in {MessageStatus.FAILED, MessageStatus.BOUNCED}
        conn.execute(SET_STATUS, (kept, error if failed else None, message["id"]))


def apply_status_update(conn: psycopg.Connection, update: StatusUpdate) -> bool:
    """Apply an email or WhatsApp delivery event; False when our message or its log row is not there yet."""
    message = _find(conn, update.provider, update.message_id, update.provider_message_id)
    if message is None:
        return False
    _advance(conn, message, update.status, update.detail)
    if update.suppression:
        who = Party(message["lead_id"], message["profile_id"], message["party"])
        record_opt_out(conn, who, "email", SUPPRESSION_SOURCES[update.suppression], update.detail)
    params = {"event": update.event, "at": update.occurred_at, "detail": update.detail, "id": message["id"]}
    # fetched, not rowcount: in the worker's pipelined bookkeeping rowcount is not known yet
    found = conn.execute(EMAIL_EVENT if update.provider == "sendgrid" else WHATSAPP_EVENT, params).fetchone()
    return found is not None


CALL_STATUSES = {
    "scheduled": "queued", "queued": "queued", "rescheduled": "queued", "initiated": "queued",
    "ringing": "ringing", "in-progress": "in_progress", "call-disconnected": "in_progress",
    "completed": "completed", "no-answer": "no_answer", "busy": "busy", "failed": "failed",
    "error": "failed", "canceled": "cancelled", "cancelled": "cancelled",
    "stopped": "failed",  # by a Bolna user or for want of a telephony answer: we never stop calls
    "balance-low": "failed",  # never placed: Bolna's wallet was too low to start it
}  # fmt: skip
CALL_RANK = {"queued": 0, "ringing": 1, "in_progress": 2}  # every end state ranks 3
# A call moves only forward: an update ranked below the call's state (a mid-call "call-disconnected" arriving
# after "completed") carries older figures and changes nothing, nor does a later, different end (an "error"
# after "completed"); both stay in webhook_events only. The update rechecks its own condition on the latest
# row, so two updates arriving together cannot both apply. The outer select finds the call even when nothing
# applied.
CALL_EVENT = """
with applied as (
  update public.call_logs set
    status = %(status)s::public.call_status,
    duration_seconds = coalesce(%(duration)s, duration_seconds),
    recording_url = coalesce(%(recording)s, recording_url),
    transcript = coalesce(%(transcript)s, transcript),
    summary = coalesce(%(summary)s, summary),
    extracted_data = extracted_data || %(extracted)s,
    disposition = case when %(rank)s = 3 then %(disposition)s else disposition end,
    ended_at = case when %(rank)s = 3 then coalesce(ended_at, now()) else ended_at end
   where execution_id = %(execution_id)s
     and %(rank)s >= case status::text when 'queued' then 0 when 'ringing' then 1 when 'in_progress' then 2
                                       else 3 end
     and (status in ('queued', 'ringing', 'in_progress') or status = %(status)s::public.call_status)
  returning 1
)
select message_id::text, exists (select from applied) as applied
  from public.call_logs where execution_id = %(execution_id)s
"""


def apply_call_update(conn: psycopg.Connection, update: CallUpdate) -> bool:
    """Apply a call's status change and, at the end, its figures; False when the call is not ours (yet)."""
    execution = update.execution
    status = CALL_STATUSES.get(execution.status, "in_progress")
    summary = execution.extracted_data.get("summary")
    params = {
        "status": status, "rank": CALL_RANK.get(status, 3), "execution_id": execution.execution_id,
        "duration": round(execution.duration_seconds) or None, "recording": execution.recording_url,
        "transcript": execution.transcript, "summary": summary if isinstance(summary, str) else None,
        "extracted": Jsonb(dict(execution.extracted_data)), "disposition": update.disposition,
    }  # fmt: skip
    found = conn.cursor(row_factory=dict_row).execute(CALL_EVENT, params).fetchone()
    if found is None:
        return False
    if not found["applied"]:
        return True
    message = _find(conn, "bolna", found["message_id"], None)
    _advance(conn, message, update.status, execution.error_message or update.disposition)
    return True
