"""What a follow-up says: a course template to a lead or student, with the course's offer, rendered when it
is queued and again when it goes, with the offer as it is then (decisions 0693, 0699, 0685). A sequence's
step is one; so is each message of a campaign, of a bulk send to a segment and an admin's template to a lead
(the same templates: follow_up_day_1/3/7, and the welcome call)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from automation.app_links import AppLinks
from automation.messages.catalog import Channel, Contact, Outgoing, course_context, first_name_of
from automation.outbox.enqueue import Addressed, Cause, Recipient, render
from automation.workflows.offers import offer_from

MESSAGE = "follow_up"  # the "message" of a follow-up's render facts (automation.outbox.deferred)
_NOBODY = Contact("", "", None, None)


def facts(
    channel: Channel | str, template: str, key: str, recipient: Recipient, *, offer: Mapping[str, Any],
    files_url: str,
) -> dict[str, Any]:  # fmt: skip
    """The "render" facts of `template` on `channel` to `recipient`, queued under `key`, with its course's
    offer as `private.course_offer` gives it."""
    return {
        "message": MESSAGE, "key": key, "channel": str(channel), "template": template,
        "lead_id": recipient.lead_id, "student_id": recipient.profile_id, "full_name": recipient.name,
        "email": recipient.email, "phone": recipient.phone, "offer": dict(offer), "files_url": files_url,
    }  # fmt: skip


def step_facts(run: Mapping[str, Any], key: str, offer: Mapping[str, Any], files_url: str) -> dict[str, Any]:
    """The facts of a due run's step (a row of sequence_tick.DUE)."""
    recipient = Recipient(run["full_name"], run["lead_id"], run["profile_id"], run["email"], run["phone"])
    return facts(run["channel"], run["template"], key, recipient, offer=offer, files_url=files_url)


@dataclass(frozen=True)
class Offered:
    """A course's offer as follow-ups to many people quote it: its JSON (`private.course_offer`), carried in
    each message's facts, and the template context it gives, made once (a campaign may reach 10,000)."""

    offer: Mapping[str, Any]
    files_url: str
    context: Mapping[str, Any]  # course_context's; it reads only the addressee's first name

    @classmethod
    def of(cls, offer: Mapping[str, Any], files_url: str) -> Offered:
        quoted = offer_from(offer, files_url)
        return cls(offer, files_url, course_context(_NOBODY, quoted.course, quoted.center))

    def addressed(
        self, channel: Channel | str, template: str, key: str, recipient: Recipient, cause: Cause
    ) -> Addressed:
        """`template` to `recipient`, for enqueue_many: rendered now for the timeline, and again when it
        goes from the facts it carries."""
        message = facts(channel, template, key, recipient, offer=self.offer, files_url=self.files_url)
        context = {**self.context, "first_name": first_name_of(recipient.name)}
        return Addressed(recipient, context, key, cause, message)


def step_context(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The follow-up's template context: the addressee's first name and the offer in `facts`."""
    offer = offer_from(facts["offer"], facts["files_url"])
    return course_context(_contact(facts), offer.course, offer.center)


def follow_up_messages(facts: Mapping[str, Any], _links: AppLinks) -> list[Outgoing]:
    """The follow-up on its channel, rendered from `facts` (the worker's, with the offer read again)."""
    channel = Channel(facts["channel"])
    content = render(channel, facts["template"], step_context(facts))
    return [Outgoing(facts["template"], channel, facts["key"], _contact(facts), content)]


def _contact(facts: Mapping[str, Any]) -> Contact:
    first_name = first_name_of(facts["full_name"])
    return Contact(facts["student_id"] or facts["lead_id"], first_name, facts["email"], facts["phone"])
