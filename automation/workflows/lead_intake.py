"""A landing-page form: validated here, then stored (lead, submission, consents, welcome) in one SQL call."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import scalar_row
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from automation.contacts import ContactError, clean_email, clean_phone

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
    consents: Consents = Field(default_factory=Consents)  # a default instance would be deep-copied per form
    utm: Utm = Field(default_factory=Utm)
    page_url: str | None = Field(default=None, max_length=2000)
    website: str | None = Field(default=None, max_length=2000)

    @field_validator("email", "phone", "course_slug", "website", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else _normalized(clean_email, value, "invalid_email")

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return None if value is None else _normalized(clean_phone, value, "invalid_phone")

    @model_validator(mode="after")
    def _reachable(self) -> LeadForm:
        if self.email is None and self.phone is None:
            raise PydanticCustomError(
                "missing_contact", "give an email address or a phone number", {"fields": ("email", "phone")}
            )
        return self


def _normalized(normalize, value: str, code: str) -> str:
    try:
        return normalize(value)
    except ContactError as error:
        raise PydanticCustomError(code, str(error)) from None


@dataclass(frozen=True)
class Intake:
    """Which lead the form landed on; for the service only, never told to whoever posted the form."""

    lead_id: str
    created: bool


@dataclass(frozen=True)
class RateLimit:
    """The client (e.g. "leads:<address>") and how many submissions it may make a minute."""

    client_key: str
    per_minute: int


class RateLimited(Exception):
    """The client made more submissions this minute than its limit allows."""

    def __init__(self, limit: RateLimit) -> None:
        super().__init__(f"At most {limit.per_minute} submissions a minute per address; wait a minute.")


FORM_FIELDS = {"name", "email", "phone", "course_slug", "consents", "utm", "page_url", "website"}
# The form goes as JSON text that pydantic wrote (in Rust), cast by the server: no dict, no json.dumps.
SUBMIT = "select private.submit_form_lead(%s::jsonb, %s, %s, %s, %s)"


def submit_lead(
    conn: psycopg.Connection,
    form: LeadForm,
    *,
    dedupe_minutes: int,
    files_url: str,
    rate_limit: RateLimit | None = None,
) -> Intake:
    """One database round trip: the lead (new or merged), its CTA submission, consents and welcome.

    A matched lead gets only non-contact gaps filled, and consent only for channels whose address on it is
    the one submitted (0678). Counts the client's hit first when `rate_limit` is given. A honeypot
    submission is answered like any other and stores nothing. A repeat of the same contact and course
    within `dedupe_minutes` records and enqueues nothing new. Raises RateLimited over the limit,
    FieldError for an unknown course.
    """
    client, limit = (rate_limit.client_key, rate_limit.per_minute) if rate_limit else (None, None)
    params = (form.model_dump_json(include=FORM_FIELDS), client, limit, dedupe_minutes, files_url)
    found = conn.cursor(row_factory=scalar_row).execute(SUBMIT, params).fetchone()
    if found["outcome"] == "rate_limited":
        raise RateLimited(rate_limit)  # type: ignore[arg-type]
    if found["outcome"] == "unknown_course":
        raise FieldError("course_slug", "no published course has this slug; use one from the course page")
    return Intake(found["lead_id"], found["created"])
