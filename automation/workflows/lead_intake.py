"""A landing-page form: validate, upsert the lead, record the submission and consents, enqueue the welcome."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, tuple_row
from psycopg.types.json import Jsonb
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from automation.contacts import ContactError, normalize_email, normalize_phone
from automation.messages.catalog import Channel
from automation.workflows.lead_store import LeadFields, upsert_lead
from automation.workflows.welcome import enqueue_welcome

Text = Field(default=None, max_length=200)


class FieldError(ValueError):
    """One input field is wrong in a way only the database can tell (e.g. an unknown course)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


class Consents(BaseModel):
    """The form's consent checkboxes: may we email, WhatsApp, call?"""

    email: bool = False
    whatsapp: bool = False
    call: bool = False


class Utm(BaseModel):
    source: str | None = Text
    medium: str | None = Text
    campaign: str | None = Text
    term: str | None = Text
    content: str | None = Text


class LeadForm(BaseModel):
    """The landing-page form; `website` is a honeypot that people never see and bots fill in."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    course_slug: str | None = Field(default=None, max_length=100)
    consents: Consents = Consents()
    utm: Utm = Utm()
    page_url: str | None = Field(default=None, max_length=2000)
    website: str | None = Field(default=None, max_length=2000)

    @field_validator("email", "phone", "course_slug", "website", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else _normalized(normalize_email, value, "invalid_email")

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else _normalized(normalize_phone, value, "invalid_phone")

    @model_validator(mode="after")
    def _reachable(self) -> LeadForm:
        if self.email is None and self.phone is None:
            raise PydanticCustomError("missing_contact", "give an email address or a phone number")
        return self


def _normalized(normalize, value: str, code: str) -> str:
    try:
        return normalize(value)
    except ContactError as error:
        raise PydanticCustomError(code, str(error)) from None


@dataclass(frozen=True)
class Intake:
    lead_id: str
    created: bool


def submit_lead(conn: psycopg.Connection, form: LeadForm, *, dedupe_minutes: int, files_url: str) -> Intake:
    """In the caller's transaction: the lead (new or merged), its CTA submission, consents and welcome.

    A honeypot submission is answered like any other and stores nothing. A repeat of the same contact and
    course within `dedupe_minutes` records and enqueues nothing new. Raises FieldError for an unknown course.
    """
    if form.website:
        return Intake(str(uuid.uuid4()), True)
    course_id = _course_id(conn, form.course_slug)
    lead_id, created = upsert_lead(conn, _fields(form, course_id))
    if not created and _recently_submitted(conn, lead_id, course_id, dedupe_minutes):
        return Intake(lead_id, False)
    submission_id = _record_submission(conn, lead_id, course_id, form)
    allowed = _record_consents(conn, lead_id, form.consents)
    if course_id:
        enqueue_welcome(
            conn, lead_id, course_id, channels=allowed, cause_id=submission_id, files_url=files_url
        )
    return Intake(lead_id, created)


PUBLISHED_COURSE = "select id::text from public.courses where slug = %s and published"


def _course_id(conn: psycopg.Connection, slug: str | None) -> str | None:
    if slug is None:
        return None
    found = conn.cursor(row_factory=tuple_row).execute(PUBLISHED_COURSE, (slug,)).fetchone()
    if found is None:
        raise FieldError("course_slug", "no published course has this slug; use one from the course page")
    return found[0]


def _fields(form: LeadForm, course_id: str | None) -> LeadFields:
    utm = {f"utm_{name}": value for name, value in form.utm.model_dump().items()}
    return LeadFields(form.name, form.email, form.phone, "form", course_id, **utm)


RECENT = """
select exists (select 1 from public.cta_submissions
                where lead_id = %s and course_id is not distinct from %s
                  and submitted_at > now() - make_interval(mins => %s))
"""


def _recently_submitted(conn: psycopg.Connection, lead_id: str, course_id: str | None, minutes: int) -> bool:
    cursor = conn.cursor(row_factory=tuple_row)
    return bool(cursor.execute(RECENT, (lead_id, course_id, minutes)).fetchone()[0])  # type: ignore[index]


def _record_submission(conn: psycopg.Connection, lead_id: str, course_id: str | None, form: LeadForm) -> str:
    answers = form.model_dump(include={"name", "email", "phone", "course_slug", "consents", "utm"})
    row = conn.cursor(row_factory=dict_row).execute(
        "insert into public.cta_submissions (lead_id, course_id, answers, page_url)"
        " values (%s, %s, %s, %s) returning id::text",
        (lead_id, course_id, Jsonb(answers), form.page_url),
    )
    return row.fetchone()["id"]  # type: ignore[index]


# A ticked box records an opt-in; an unticked one changes nothing (it is not a request to stop), and an
# earlier opt-out stays until the contact takes it back through a channel that records it.
CONSENT = """
insert into public.consents (lead_id, party, channel, state, source)
values (%s, 'self', %s, 'opted_in', 'form')
on conflict (lead_id, party, channel) where lead_id is not null do nothing
"""

OPTED_OUT = (
    "select channel::text from public.consents where lead_id = %s and party = 'self' and state = 'opted_out'"
)


def _record_consents(conn: psycopg.Connection, lead_id: str, consents: Consents) -> set[Channel]:
    """Opt-ins for the ticked channels; returns the channels the welcome may use (ticked, not opted out)."""
    ticked = [Channel(name) for name, given in consents.model_dump().items() if given]
    for channel in ticked:
        conn.execute(CONSENT, (lead_id, str(channel)))
    refused = conn.cursor(row_factory=tuple_row).execute(OPTED_OUT, (lead_id,)).fetchall()
    return set(ticked) - {Channel(row[0]) for row in refused}
