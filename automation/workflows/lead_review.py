"""An admin's decisions on leads: approve or reject a CTA submission, move a lead through its statuses."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, tuple_row

from automation.messages.catalog import Channel
from automation.workflows.outbox_admin import change_outbox_item
from automation.workflows.welcome import enqueue_welcome

DECIDE = """
update public.cta_submissions
   set status = %(status)s, decided_by = %(admin)s, decided_at = now(), decision_note = %(note)s
 where id = %(id)s and status = 'new'
returning lead_id::text, course_id::text
"""
# Locked so that no worker claims one between this read and its cancel.
UNSENT = """
select id::text from public.outbox
 where cause_table = 'cta_submissions' and cause_id = %s and status in ('pending', 'paused')
 order by id for update
"""
# The lead's opt-ins less what the person refused, as the lead or as the student it became (0664, 0667).
OPTED_IN = """
select c.channel::text from public.consents c join public.leads l on l.id = c.lead_id
 where c.lead_id = %s and c.party = 'self' and c.state = 'opted_in'
   and not private.opted_out(l.id, l.converted_profile_id, 'self', c.channel)
"""
SET_STATUS = """
update public.leads set status = %(status)s::public.lead_status,
       lost_reason = case when %(status)s::text = 'lost' then %(reason)s end
 where id = %(id)s
returning id::text, status::text
"""


class ReviewRefused(ValueError):
    """The submission or lead is missing or already decided; the message says which."""


@dataclass(frozen=True)
class Decision:
    submission_id: str
    status: str
    messages_queued: int


def decide_submission(
    conn: psycopg.Connection,
    submission_id: str,
    *,
    approve: bool,
    admin_id: str,
    note: str | None,
    files_url: str,
) -> Decision:
    """Approve (and start the welcome on the channels the lead opted in to and the person has not refused
    since, as the lead or as the student it became) or reject a new submission.

    The welcome is idempotent per lead and course, so one already sent at intake is not sent again. A
    rejection cancels what the submission queued and is not sent yet (e.g. a welcome held by quiet hours).
    Raises ReviewRefused when the submission does not exist or was already decided.
    """
    status = "approved" if approve else "rejected"
    values = {"status": status, "admin": admin_id, "note": note, "id": submission_id}
    row = conn.cursor(row_factory=dict_row).execute(DECIDE, values).fetchone()
    if row is None:
        raise ReviewRefused(f"submission {submission_id} does not exist or was already approved or rejected")
    if not approve:
        _cancel_unsent(conn, submission_id)
    queued = 0
    if approve and row["course_id"]:
        consents = conn.cursor(row_factory=tuple_row).execute(OPTED_IN, (row["lead_id"],)).fetchall()
        welcome = {
            "channels": {Channel(c[0]) for c in consents},
            "cause_id": submission_id,
            "files_url": files_url,
        }
        queued = enqueue_welcome(conn, row["lead_id"], row["course_id"], **welcome)
    return Decision(submission_id, status, queued)


def _cancel_unsent(conn: psycopg.Connection, submission_id: str) -> None:
    """Cancel the submission's pending and paused outbox rows, saying so on their timeline messages."""
    for (outbox_id,) in conn.cursor(row_factory=tuple_row).execute(UNSENT, (submission_id,)).fetchall():
        change_outbox_item(conn, outbox_id, "cancel")


def set_lead_status(conn: psycopg.Connection, lead_id: str, status: str, lost_reason: str | None) -> str:
    """Set the lead's status (a lost lead keeps its reason); raises ReviewRefused for an unknown lead."""
    values = {"status": status, "reason": lost_reason, "id": lead_id}
    if conn.cursor(row_factory=dict_row).execute(SET_STATUS, values).fetchone() is None:
        raise ReviewRefused(f"lead {lead_id} does not exist")
    return status
