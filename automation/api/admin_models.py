"""Request and response bodies of the admin API (also the source of its OpenAPI schemas)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from automation.money import MAX_FEE_PAISE

LeadStatus = Literal["new", "contacted", "interested", "payment_sent", "enrolled", "lost"]
CourseTemplate = Literal["follow_up_day_1", "follow_up_day_3", "follow_up_day_7"]
# An amount of money one payment involves (a fixed price, a refund): positive, at most ₹1 crore.
FeePaise = Annotated[int, Field(gt=0, le=MAX_FEE_PAISE)]
# Money taken off one payment: none, up to the same ceiling.
DiscountPaise = Annotated[int, Field(ge=0, le=MAX_FEE_PAISE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SubmissionDecision(Strict):
    note: str | None = Field(default=None, max_length=2000)


class SubmissionDecided(BaseModel):
    submission_id: str
    status: Literal["approved", "rejected"]
    messages_queued: int


class LeadStatusChange(Strict):
    status: LeadStatus
    lost_reason: str | None = Field(default=None, max_length=500)


class LeadStatusChanged(BaseModel):
    lead_id: str
    status: LeadStatus
    # only when a link was made because the lead became interested (send_payment_link_when_interested)
    payment_id: str | None = None


class OutboxItemChanged(BaseModel):
    id: str
    status: str


class LeadMessage(Strict):
    """A reply from the CRM; resending the same request_id sends nothing twice."""

    channel: Literal["email", "whatsapp"]
    body: str = Field(min_length=1, max_length=4000)
    subject: str = Field(default="A reply from our team", min_length=1, max_length=200)
    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, min_length=8, max_length=100)


class MessageQueued(BaseModel):
    outbox_id: str
    crm_message_id: str | None
    created: bool


class SegmentFilter(Strict):
    """Leads interested in a course, optionally in one status or with one tag."""

    course_slug: str = Field(min_length=1, max_length=100)
    status: LeadStatus | None = None
    tag: str | None = Field(default=None, max_length=100)


class SegmentMessage(Strict):
    """One approved course template to every lead of the segment not opted out of the channel."""

    channel: Literal["email", "whatsapp"]
    template: CourseTemplate
    segment: SegmentFilter
    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, min_length=8, max_length=100)


class SegmentQueued(BaseModel):
    messages_queued: int


class LeadCall(Strict):
    """Start an AI call; resending the same request_id starts nothing twice."""

    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, min_length=8, max_length=100)
