"""Request and response bodies of the admin API (also the source of its OpenAPI schemas)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LeadStatus = Literal["new", "contacted", "interested", "payment_sent", "enrolled", "lost"]


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


class OutboxItemChanged(BaseModel):
    id: str
    status: str
