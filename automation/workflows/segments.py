"""Bulk email or WhatsApp to a filtered segment of leads: one approved template, consent respected. Each
message is a follow-up: it quotes the course's offer as it is when it goes (decision 0685)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import psycopg
from psycopg.rows import dict_row

from automation.messages.catalog import Channel
from automation.outbox.enqueue import Addressed, Cause, Enqueued, Recipient, enqueue_many
from automation.workflows import follow_ups
from automation.workflows.offers import offer_facts
from automation.workflows.request_ids import claim
from automation.workflows.welcome import contact_from_row, lead_contact

SEGMENT = """
select l.id::text, l.full_name, l.email::text as email, l.phone::text as phone from public.leads l
 where l.course_id = %(course_id)s
   and (%(status)s::public.lead_status is null or l.status = %(status)s::public.lead_status)
   and (%(tag)s::text is null or %(tag)s = any(l.tags))
   and case when %(channel)s = 'email' then l.email is not null else l.phone is not null end
   and not exists (select 1 from public.consents c
                    where (c.lead_id = l.id or c.profile_id = l.converted_profile_id) and c.party = 'self'
                      and c.channel = %(channel)s::public.contact_channel and c.state = 'opted_out')
 order by l.created_at
"""
COURSE = "select id::text from public.courses where slug = %s"


class SegmentRefused(ValueError):
    """The segment cannot be messaged as asked; the message says why."""


@dataclass(frozen=True)
class Segment:
    course_slug: str
    status: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class BulkMessage:
    channel: Channel
    template: str  # a course message of the catalog: follow_up_day_1, follow_up_day_3, follow_up_day_7
    request_id: str  # the same request id never queues a lead's message twice
    admin_id: str


def message_segment(conn: psycopg.Connection, segment: Segment, message: BulkMessage, files_url: str) -> int:
    """Queue the message about the segment's course to every matching lead not opted out of its channel.

    Returns how many messages were newly queued. Raises SegmentRefused for an unknown course or one
    without an upcoming batch (the templates announce its start date).
    """
    found = conn.cursor(row_factory=dict_row).execute(COURSE, (segment.course_slug,)).fetchone()
    offer = offer_facts(conn, found["id"]) if found else None
    if offer is None:
        raise SegmentRefused(
            f"course {segment.course_slug!r} does not exist or has no upcoming batch to announce"
        )
    _claim(conn, "bulk", message, {"segment": asdict(segment)})
    values = {"course_id": found["id"], "status": segment.status, "tag": segment.tag,
              "channel": str(message.channel)}  # fmt: skip
    rows = conn.cursor(row_factory=dict_row).execute(SEGMENT, values).fetchall()
    offered = follow_ups.Offered.of(offer, files_url)
    wanted = [course_message(contact_from_row(row)[1], offered, message, scope="bulk") for row in rows]
    return sum(done.created for done in _enqueue(conn, message, wanted))


def enqueue_course_message(
    conn: psycopg.Connection, lead_id: str, offered: follow_ups.Offered, message: BulkMessage, *, scope: str
) -> Enqueued:
    """Queue `message` about `offered` to one lead, once per (scope, request id, lead).

    Raises RequestIdReused when the request id already asked for a different message."""
    _claim(conn, scope, message, {"lead": lead_id})
    _, recipient = lead_contact(conn, lead_id)
    (done,) = _enqueue(conn, message, [course_message(recipient, offered, message, scope=scope)])
    return done


def course_message(
    recipient: Recipient, offered: follow_ups.Offered, message: BulkMessage, *, scope: str
) -> Addressed:
    """`message` about `offered` to one lead, keyed by (scope, request id, lead); it quotes the offer as it
    is when it goes."""
    lead = recipient.lead_id
    key = f"{scope}:{message.request_id}:{lead}"
    return offered.addressed(message.channel, message.template, key, recipient, Cause("leads", lead))


def _claim(conn: psycopg.Connection, scope: str, message: BulkMessage, recipients: dict) -> None:
    """Record what the request id asks, in the caller's transaction; a retry must ask the same.

    Raises RequestIdReused when the id already asked for another channel, template or recipients."""
    asked = {"channel": str(message.channel), "template": message.template, **recipients}
    claim(conn, scope, message.request_id, asked, _described)


def _described(asked: dict) -> str:
    """What a request asked, in words: `whatsapp follow_up_day_1 to the segment course_slug=python`."""
    if "lead" in asked:
        to = f"lead {asked['lead']}"
    else:
        segment = asdict(Segment(**asked["segment"]))  # in the order of its fields, not jsonb's
        to = "the segment " + ", ".join(f"{k}={v}" for k, v in segment.items() if v is not None)
    return f"{asked['channel']} {asked['template']} to {to}"


def _enqueue(conn: psycopg.Connection, message: BulkMessage, wanted: list[Addressed]) -> list[Enqueued]:
    return enqueue_many(
        conn, channel=message.channel, template=message.template, messages=wanted, created_by=message.admin_id
    )
