"""What a follow-up step says: its template with the course's offer, rendered when the tick queues it and
again when it goes, with the offer as it is then (decisions 0693, 0699)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from automation.app_links import AppLinks
from automation.messages.catalog import Channel, Contact, Outgoing, course_context
from automation.outbox.enqueue import render
from automation.workflows.offers import offer_from

MESSAGE = "follow_up"  # the "message" of a step's render facts (automation.outbox.deferred)


def step_facts(run: Mapping[str, Any], key: str, offer: Mapping[str, Any], files_url: str) -> dict[str, Any]:
    """The "render" facts of a due run's step (a row of sequence_tick.DUE), queued under `key`, with its
    course's offer as `private.course_offer` gives it."""
    return {
        "message": MESSAGE, "key": key, "channel": run["channel"], "template": run["template"],
        "lead_id": run["lead_id"], "student_id": run["profile_id"], "full_name": run["full_name"],
        "email": run["email"], "phone": run["phone"], "offer": dict(offer), "files_url": files_url,
    }  # fmt: skip


def step_context(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The step's template context: the addressee's first name and the offer in `facts`."""
    offer = offer_from(facts["offer"], facts["files_url"])
    return course_context(_contact(facts), offer.course, offer.center)


def follow_up_messages(facts: Mapping[str, Any], _links: AppLinks) -> list[Outgoing]:
    """The step on its channel, rendered from `facts` (the worker's, with the offer read again)."""
    channel = Channel(facts["channel"])
    content = render(channel, facts["template"], step_context(facts))
    return [Outgoing(facts["template"], channel, facts["key"], _contact(facts), content)]


def _contact(facts: Mapping[str, Any]) -> Contact:
    first_name = (facts["full_name"].split() or ["there"])[0]
    return Contact(facts["student_id"] or facts["lead_id"], first_name, facts["email"], facts["phone"])
