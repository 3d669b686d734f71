"""Campaigns: one course template by email or WhatsApp, or an AI call, to every reachable lead of an audience.

The campaign row, every message (outbox + timeline row, linked back to the campaign) and the counts are
written in the caller's transaction: the messages rendered one by one (each names its lead), written
set-based (enqueue_many), each with the facts it is rendered from again when it goes (follow_ups, 0685).
The request id makes the whole campaign idempotent; it names one campaign (name, channel, template,
audience), so reusing it for another is refused (decision 0698).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from automation.messages.catalog import Channel
from automation.outbox.enqueue import Cause, enqueue_many
from automation.workflows import follow_ups
from automation.workflows.audiences import Audience, Purpose, audience_rows, count_reasons
from automation.workflows.offers import offer_facts
from automation.workflows.request_ids import claim
from automation.workflows.welcome import contact_from_row

MAX_RECIPIENTS = 10_000
TEMPLATES = {
    Channel.EMAIL: ("follow_up_day_1", "follow_up_day_3", "follow_up_day_7"),
    Channel.WHATSAPP: ("follow_up_day_1", "follow_up_day_3", "follow_up_day_7"),
    Channel.CALL: ("welcome",),
}

CREATE = """
insert into public.campaigns (name, channel, template, audience, request_id, created_by)
values (%(name)s, %(channel)s, %(template)s, %(audience)s, %(request_id)s, %(created_by)s)
on conflict (request_id) do nothing
returning id::text
"""
EXISTING = """
select id::text, recipients, excluded, excluded_reasons from public.campaigns where request_id = %s
"""
COUNTS = """
update public.campaigns
   set recipients = %(recipients)s, excluded = %(excluded)s, excluded_reasons = %(reasons)s
 where id = %(id)s
"""


class CampaignRefused(ValueError):
    """The campaign cannot be sent as asked; the message says what to change."""


@dataclass(frozen=True)
class CampaignRequest:
    name: str
    channel: Channel
    template: str
    audience: Audience
    request_id: str  # the same request id never makes a second campaign
    admin_id: str


@dataclass(frozen=True)
class CampaignStarted:
    id: str
    recipients: int
    excluded: int
    excluded_reasons: dict[str, int]
    created: bool


def start_campaign(conn: psycopg.Connection, request: CampaignRequest, files_url: str) -> CampaignStarted:
    """Record the campaign and queue its messages; a retried request returns the first campaign.

    Raises CampaignRefused for a template the channel does not have, or an audience with nobody to reach
    or more than MAX_RECIPIENTS leads to reach; RequestIdReused when the request id already asked for
    another campaign.
    """
    if request.template not in TEMPLATES[request.channel]:
        allowed = ", ".join(TEMPLATES[request.channel])
        raise CampaignRefused(f"{request.channel} campaigns send one of: {allowed}")
    asked = _asked(request)
    claim(conn, "campaign", request.request_id, asked, _described, noun="campaign")
    campaign_id = _create(conn, request, asked["audience"])
    if campaign_id is None:
        found = conn.cursor(row_factory=dict_row).execute(EXISTING, (request.request_id,)).fetchone()
        return CampaignStarted(**found, created=False)  # type: ignore[arg-type]
    rows = audience_rows(conn, request.audience, Purpose(channel=str(request.channel)))
    reached = [row for row in rows if row["excluded_reason"] is None]
    if not reached:
        raise CampaignRefused("nobody in this audience can be reached on this channel; see the preview")
    if len(reached) > MAX_RECIPIENTS:
        limit = f"{MAX_RECIPIENTS:,}"
        raise CampaignRefused(f"{len(reached)} leads to reach; narrow the audience to {limit} at most")
    _enqueue_all(conn, campaign_id, request, reached, files_url)
    reasons = count_reasons(rows)
    excluded = len(rows) - len(reached)
    values = {"recipients": len(reached), "excluded": excluded, "reasons": Jsonb(reasons), "id": campaign_id}
    conn.execute(COUNTS, values)
    return CampaignStarted(campaign_id, len(reached), excluded, reasons, created=True)


def _asked(request: CampaignRequest) -> dict[str, Any]:
    """What the request asks, as plain JSON: its audience as public.campaigns.audience keeps it."""
    audience = {key: value for key, value in asdict(request.audience).items() if value is not None}
    plain = json.loads(json.dumps(audience, default=lambda instant: instant.isoformat()))
    return {"name": request.name, "channel": str(request.channel), "template": request.template,
            "audience": plain}  # fmt: skip


def _described(asked: dict[str, Any]) -> str:
    """A campaign request in words: `"Batch starts soon": email follow_up_day_3 to 3 chosen leads`."""
    audience = asked["audience"]
    if "lead_ids" in audience:
        count = len(audience["lead_ids"])
        to = f"{count} chosen lead{'' if count == 1 else 's'}"
    else:
        named = [
            f"{field.name}={audience[field.name]}" for field in fields(Audience) if field.name in audience
        ]
        to = "the leads where " + ", ".join(named) if named else "all leads"
    return f'"{asked["name"]}": {asked["channel"]} {asked["template"]} to {to}'


def _create(conn: psycopg.Connection, request: CampaignRequest, audience: dict[str, Any]) -> str | None:
    values = {
        "name": request.name, "channel": str(request.channel), "template": request.template,
        "audience": Jsonb(audience), "request_id": request.request_id, "created_by": request.admin_id,
    }  # fmt: skip
    found = conn.cursor(row_factory=dict_row).execute(CREATE, values).fetchone()
    return found["id"] if found else None


def _enqueue_all(
    conn: psycopg.Connection, campaign_id: str, request: CampaignRequest, rows: list[dict[str, Any]],
    files_url: str,
) -> None:  # fmt: skip
    """Each lead's message with its follow-up facts, so that it quotes its course's offer as it is when it
    goes (decision 0685)."""
    offers: dict[str, follow_ups.Offered | None] = {}
    messages = []
    cause = Cause("campaigns", campaign_id)
    for row in rows:
        if row["course_id"] not in offers:
            found = offer_facts(conn, row["course_id"])
            offers[row["course_id"]] = None if found is None else follow_ups.Offered.of(found, files_url)
        offered = offers[row["course_id"]]
        if offered is None:  # the audience statement checked for an upcoming batch a moment ago
            raise CampaignRefused("a lead's course lost its upcoming batch meanwhile; preview again")
        _, recipient = contact_from_row(row)
        key = f"campaign:{campaign_id}:{row['id']}"
        messages.append(offered.addressed(request.channel, request.template, key, recipient, cause))
    enqueue_many(
        conn, channel=request.channel, template=request.template, messages=messages,
        created_by=request.admin_id, campaign_id=campaign_id,
    )  # fmt: skip
