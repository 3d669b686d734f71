"""Every message we send contacts: a named template, the function building its context, a dedupe key.

Workflows call these to get ready-to-enqueue messages; nothing here sends or touches the database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from automation.messages import formatting
from automation.messages.templates import (
    CallBrief,
    EmailContent,
    WhatsAppContent,
    render_call,
    render_email,
    render_whatsapp,
)
from automation.providers.ports import Media

# Parameter order of each approved WhatsApp template (AiSensy campaign of the same name).
WHATSAPP_PARAMS: dict[str, tuple[str, ...]] = {
    "welcome": ("first_name", "course_name", "center_name", "start_date", "fee", "syllabus_link"),
    "follow_up_day_1": ("first_name", "course_name"),
    "follow_up_day_3": ("first_name", "course_name", "start_date"),
    "follow_up_day_7": ("first_name", "course_name", "start_date"),
    "opt_out_confirmation": ("first_name", "center_name"),
    "opt_in_confirmation": ("first_name", "center_name"),
    "reply_to_contact": ("first_name", "body", "author_name", "center_name"),
    "student_welcome": ("first_name", "batch_name", "course_name", "schedule", "start_date", "first_session"),
    "payment_link": ("first_name", "batch_name", "course_name", "start_date", "amount", "payment_url"),
    "fee_reminder": ("first_name", "batch_name", "course_name", "start_date", "amount", "payment_url"),
}
# A WhatsApp template parameter may not be empty: a course without a syllabus link says this instead.
SYLLABUS_ON_REQUEST = "ask us here and we will send it"
# ...and a course with no batch to join says this for its start date ("The next batch starts on ...").
DATE_TO_COME = "a date we will tell you as soon as it is set"
CALL_VARIABLES = ("first_name", "course_name", "center_name", "start_date", "schedule", "fee", "syllabus_url")


class Channel(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    CALL = "call"


@dataclass(frozen=True)
class Contact:
    id: str
    first_name: str
    email: str | None = None
    phone: str | None = None  # E.164


def first_name_of(full_name: str) -> str:
    """What a message calls a person: the first word of their name, or "there" (as in "Hi there")."""
    return (full_name.split() or ["there"])[0]


@dataclass(frozen=True)
class Course:
    id: str
    name: str
    starts_on: date | None  # None: no batch to join now (a welcome sent after its batch closed)
    schedule: str  # e.g. "Saturdays and Sundays, 10 am to 1 pm"
    fee_minor: int
    syllabus_url: str
    currency: str = "INR"
    brochure_url: str | None = None  # a public PDF, sent as WhatsApp media


@dataclass(frozen=True)
class Center:
    name: str
    website: str
    support_email: str
    support_phone: str


@dataclass(frozen=True)
class Reply:
    id: str
    author_name: str
    body: str
    subject: str = "A reply from our team"


@dataclass(frozen=True)
class Outgoing:
    """One message on one channel, ready for the outbox; `dedupe_key` makes enqueueing idempotent."""

    name: str
    channel: Channel
    dedupe_key: str
    contact: Contact
    content: EmailContent | WhatsAppContent | CallBrief


def dedupe_key(name: str, channel: Channel, contact_id: str, scope: str) -> str:
    """Same message, channel, contact and scope (course, consent change, reply...) → same key."""
    return f"{name}:{channel}:{contact_id}:{scope}"


def center_context(center: Center) -> dict[str, Any]:
    return {
        "center_name": center.name,
        "website": center.website,
        "support_email": center.support_email,
        "support_phone": center.support_phone,
    }


def course_context(contact: Contact, course: Course, center: Center) -> dict[str, Any]:
    """The context of the welcome and follow-up messages; `channels`, the channels a welcome is known to
    go on, is empty here, so a message sent on its own promises no other (`welcome` fills it in)."""
    return {
        **center_context(center),
        "channels": (),
        "first_name": contact.first_name,
        "course_name": course.name,
        "has_next_batch": course.starts_on is not None,
        "start_date": formatting.long_date(course.starts_on) if course.starts_on else DATE_TO_COME,
        "schedule": course.schedule,
        "fee": formatting.money(course.fee_minor, course.currency),
        "syllabus_url": course.syllabus_url,
        "syllabus_link": course.syllabus_url or SYLLABUS_ON_REQUEST,
    }


def _email(name: str, contact: Contact, scope: str, context: dict[str, Any]) -> Outgoing:
    key = dedupe_key(name, Channel.EMAIL, contact.id, scope)
    return Outgoing(name, Channel.EMAIL, key, contact, render_email(name, context))


def _whatsapp(
    name: str, contact: Contact, scope: str, context: dict[str, Any], media: Media | None = None
) -> Outgoing:
    key = dedupe_key(name, Channel.WHATSAPP, contact.id, scope)
    return Outgoing(
        name, Channel.WHATSAPP, key, contact, render_whatsapp(name, context, WHATSAPP_PARAMS[name], media)
    )


def _on_channels(name: str, contact: Contact, scope: str, context: dict[str, Any]) -> list[Outgoing]:
    """Email and WhatsApp, each where the contact has the address for it."""
    found = [_email(name, contact, scope, context)] if contact.email else []
    return found + ([_whatsapp(name, contact, scope, context)] if contact.phone else [])


def welcome(
    contact: Contact, course: Course, center: Center, channels: Collection[str] | None = None
) -> list[Outgoing]:
    """Email with the syllabus link, WhatsApp with the course details (and brochure), and an AI call, on
    `channels` where the contact has the address. Each message mentions another channel only when `channels`
    says it goes too; None (not known) builds every channel the contact can get, promising none of the others.
    """
    reachable = [Channel.EMAIL] * bool(contact.email) + [Channel.WHATSAPP, Channel.CALL] * bool(contact.phone)
    going = tuple(c for c in reachable if channels is None or c in channels)
    context = {**course_context(contact, course, center), "channels": () if channels is None else going}
    return [_welcome_on(channel, contact, course, context) for channel in going]


def _welcome_on(channel: Channel, contact: Contact, course: Course, context: dict[str, Any]) -> Outgoing:
    if channel == Channel.EMAIL:
        return _email("welcome", contact, course.id, context)
    if channel == Channel.WHATSAPP:
        media = Media(course.brochure_url, f"{course.name}.pdf") if course.brochure_url else None
        return _whatsapp("welcome", contact, course.id, context, media)
    key = dedupe_key("welcome", Channel.CALL, contact.id, course.id)
    return Outgoing("welcome", Channel.CALL, key, contact, render_call("welcome", context, CALL_VARIABLES))


def student_welcome(contact: Contact, batch_id: str, context: dict[str, Any]) -> list[Outgoing]:
    """A paid student's welcome: email with the sign-in link, WhatsApp with the schedule and first class;
    `contact.id` is the student's profile."""
    return _on_channels("student_welcome", contact, batch_id, context)


def opt_out_confirmation(
    contact: Contact, center: Center, channel: Channel, consent_change_id: str
) -> Outgoing:
    """The one confirmation on the channel the contact opted out of (email or WhatsApp)."""
    return _consent_confirmation("opt_out_confirmation", contact, center, channel, consent_change_id)


def opt_in_confirmation(
    contact: Contact, center: Center, channel: Channel, consent_change_id: str
) -> Outgoing:
    """The one confirmation on the channel the contact asked to hear from us on again."""
    return _consent_confirmation("opt_in_confirmation", contact, center, channel, consent_change_id)


def _consent_confirmation(
    name: str, contact: Contact, center: Center, channel: Channel, consent_change_id: str
) -> Outgoing:
    label = {Channel.EMAIL: "emails", Channel.WHATSAPP: "WhatsApp messages"}[channel]
    context = {**center_context(center), "first_name": contact.first_name, "channel_label": label}
    send = _email if channel == Channel.EMAIL else _whatsapp
    return send(name, contact, consent_change_id, context)


def reply_to_contact(contact: Contact, center: Center, channel: Channel, reply: Reply) -> Outgoing:
    """A person's reply from the CRM; `reply.id` (the request's id) keeps a retried request single."""
    context = {
        **center_context(center),
        "first_name": contact.first_name,
        "subject": reply.subject,
        "body": reply.body,
        "paragraphs": [p.strip() for p in reply.body.split("\n\n") if p.strip()],
        "author_name": reply.author_name,
    }
    send = _email if channel == Channel.EMAIL else _whatsapp
    return send("reply_to_contact", contact, reply.id, context)
