"""Bodies of the audience, bulk-lead and campaign endpoints (also the source of their OpenAPI schemas)."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from automation.api.admin_models import LeadStatus, Strict
from automation.workflows.audiences import Audience

LeadSource = Literal["form", "import", "manual", "whatsapp", "call"]
MAX_LEAD_IDS = 5000


class LeadFilter(Strict):
    """The Leads list's filter; every field optional, all of them must hold. Instants bound creation times."""

    search: str | None = Field(default=None, min_length=1, max_length=200)
    status: LeadStatus | None = None
    source: LeadSource | None = None
    tag: str | None = Field(default=None, min_length=1, max_length=100)
    course_id: uuid.UUID | None = None
    created_from: AwareDatetime | None = None
    created_to: AwareDatetime | None = Field(default=None, description="exclusive")


class AudienceBody(Strict):
    """Exactly one of: the leads picked by id, or every lead matching a filter ({} = every lead)."""

    lead_ids: list[uuid.UUID] | None = Field(default=None, min_length=1, max_length=MAX_LEAD_IDS)
    filter: LeadFilter | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> AudienceBody:
        if (self.lead_ids is None) == (self.filter is None):
            raise ValueError("give exactly one of lead_ids (picked leads) or filter (every matching lead)")
        return self

    def audience(self) -> Audience:
        if self.lead_ids is not None:
            return Audience(lead_ids=tuple(str(lead_id) for lead_id in self.lead_ids))
        f = self.filter or LeadFilter()
        return Audience(
            search=f.search, status=f.status, source=f.source, tag=f.tag,
            course_id=str(f.course_id) if f.course_id else None,
            created_from=f.created_from, created_to=f.created_to,
        )  # fmt: skip


class PreviewRequest(Strict):
    """Who an action would reach: a message or call on `channel`, the sequence `sequence_key`, or neither."""

    audience: AudienceBody
    channel: Literal["email", "whatsapp", "call"] | None = None
    sequence_key: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$", max_length=100)

    @model_validator(mode="after")
    def _one_purpose(self) -> PreviewRequest:
        if self.channel is not None and self.sequence_key is not None:
            raise ValueError("give a channel or a sequence_key, not both")
        return self


class AudienceLead(BaseModel):
    id: str
    full_name: str
    email: str | None
    phone: str | None
    excluded_reason: str | None


class AudiencePreview(BaseModel):
    matched: int
    reachable: int
    excluded: dict[str, int] = Field(description="reason -> number of leads left out for it")
    sample: list[AudienceLead]
    excluded_sample: list[AudienceLead]


class TagLeads(Strict):
    audience: AudienceBody
    tag: str = Field(min_length=1, max_length=100, pattern=r"^[^,{}\"]+$")


class SetLeadsStatus(Strict):
    audience: AudienceBody
    status: LeadStatus
    lost_reason: str | None = Field(default=None, max_length=500)


class StartLeadsSequence(Strict):
    audience: AudienceBody
    sequence_key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)


class LeadsChanged(BaseModel):
    changed: int


class LeadsStatusSet(LeadsChanged):
    """How many leads changed status, and how many payment links were started for those now interested."""

    payment_links_started: int


class CampaignBody(Strict):
    """A course template by email or WhatsApp (follow_up_day_1/3/7), or an AI call (welcome), to leads."""

    name: str = Field(min_length=1, max_length=200)
    channel: Literal["email", "whatsapp", "call"]
    template: Literal["follow_up_day_1", "follow_up_day_3", "follow_up_day_7", "welcome"]
    audience: AudienceBody
    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, min_length=8, max_length=100)


class CampaignCreated(BaseModel):
    id: str
    recipients: int
    excluded: int
    excluded_reasons: dict[str, int]
    created: bool
