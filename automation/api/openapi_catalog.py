"""What the OpenAPI document says about each endpoint, keyed by Flask endpoint name (bodies from pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from automation.api.admin_models import (
    LeadCall,
    LeadMessage,
    LeadStatusChange,
    LeadStatusChanged,
    MessageQueued,
    OutboxItemChanged,
    SegmentMessage,
    SegmentQueued,
    SubmissionDecided,
    SubmissionDecision,
)
from automation.api.campaign_models import (
    AudiencePreview,
    CampaignBody,
    CampaignCreated,
    LeadsChanged,
    LeadsStatusSet,
    PreviewRequest,
    SetLeadsStatus,
    StartLeadsSequence,
    TagLeads,
)
from automation.api.lead_imports import LeadImportAccepted, LeadImportBody, LeadImportStart
from automation.api.lead_templates import LeadTemplateMessage
from automation.api.payment_links import CloseLinkBody, PaymentLinkBody
from automation.api.payment_refunds import RefundAccepted, RefundBody
from automation.api.provider_credentials import CredentialValues
from automation.workflows.lead_intake import LeadForm


class LeadAccepted(BaseModel):
    received: bool


class SequencesTicked(BaseModel):
    steps_queued: int
    runs_advanced: int
    runs_expired: int
    steps_skipped: int


class WebhooksSwept(BaseModel):
    events_processed: int
    events_failed: int


@dataclass(frozen=True)
class Doc:
    summary: str
    tag: str
    security: str | None = None  # "admin" (Supabase JWT), "internal" (X-Internal-Secret) or None
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    form: bool = False  # the body may also come as a form (application/x-www-form-urlencoded)
    extra: dict[str, Any] | None = None  # further OpenAPI operation fields


WEBHOOK = (
    "Provider callback: the signature (or secret path / source address) is checked first; 401 writes nothing."
    " A body over the endpoint's cap (WEBHOOK_*_MAX_BODY_BYTES) gets 413 before it is read."
)
DOCS: dict[str, Doc] = {
    "openapi.openapi_json": Doc("This document (OpenAPI 3.1)", "service"),
    "health.health": Doc("Is the service up and can it reach its database (503 if not)", "service"),
    "public.create_lead": Doc(
        "Landing-page form: upsert the lead (merging by email or phone; an existing lead gets no new "
        "address), record the submission and consents, queue the welcome on the consented channels. 202 for "
        "every accepted form (new, merged, repeat, honeypot), naming no lead; 429 past the per-address rate "
        "limit; 413 past the size limit.",
        "leads",
        body=LeadForm,
        response=LeadAccepted,
        status=202,
        form=True,
    ),
    "admin.decide": Doc(
        "Approve (queues the welcome on opted-in channels, once per lead and course) or reject a submission",
        "leads",
        "admin",
        SubmissionDecision,
        SubmissionDecided,
    ),
    "admin.change_lead": Doc("Change a lead's status", "leads", "admin", LeadStatusChange, LeadStatusChanged),
    "admin.message_lead": Doc(
        "Reply to a lead by email or WhatsApp (409 after an opt-out of the channel, outside WhatsApp's "
        "24-hour window, or request_id_reused for a request_id already used for a different reply); "
        "201 new, 200 repeat",
        "crm",
        "admin",
        LeadMessage,
        MessageQueued,
        201,
    ),
    "admin.call_lead": Doc(
        "Start an AI call to a lead about their course (409 without a phone, after an opt-out, or without an "
        "upcoming batch); 201 queued, 200 repeat",
        "crm",
        "admin",
        LeadCall,
        MessageQueued,
        201,
    ),
    "lead_templates.send": Doc(
        "Send one course template by email or WhatsApp to a lead (what goes when WhatsApp's 24-hour "
        "window is closed); 409 without the address, after an opt-out, without an upcoming batch, or "
        "request_id_reused for a request_id already used for a different message; 201 new, 200 repeat",
        "crm",
        "admin",
        LeadTemplateMessage,
        MessageQueued,
        201,
    ),
    "admin.message_segment_view": Doc(
        "Send one course template by email or WhatsApp to a segment of leads (opted-out leads are left out); "
        "a repeated request_id queues nothing new; 409 request_id_reused for one already used for a "
        "different message",
        "crm",
        "admin",
        SegmentMessage,
        SegmentQueued,
    ),
    "campaigns.preview": Doc(
        "How many leads of an audience (picked ids or the Leads list's filter) an action reaches: per "
        "channel, leads without the address, opted out, or without a course with an upcoming batch are "
        "left out; for a sequence, leads already in it. Counts per reason and the first rows",
        "campaigns",
        "admin",
        PreviewRequest,
        AudiencePreview,
    ),
    "campaigns.tag_leads": Doc(
        "Add a tag to every lead of an audience", "leads", "admin", TagLeads, LeadsChanged
    ),
    "campaigns.set_leads_status": Doc(
        "Set the status of every lead of an audience", "leads", "admin", SetLeadsStatus, LeadsStatusSet
    ),
    "campaigns.start_leads_sequence": Doc(
        "Start an active follow-up sequence for every lead of an audience not already in it (404: no key)",
        "leads",
        "admin",
        StartLeadsSequence,
        LeadsChanged,
    ),
    "campaigns.create_campaign": Doc(
        "Send a course template by email or WhatsApp, or start AI calls, to every reachable lead of an "
        "audience, recorded as a campaign whose messages link back to it; 201 new, 200 for a repeated "
        "request_id, 409 when nobody is reachable or the template does not fit the channel, 409 "
        "request_id_reused for a request_id already used for a different campaign",
        "campaigns",
        "admin",
        CampaignBody,
        CampaignCreated,
        201,
    ),
    "admin.act_on_outbox_item": Doc(
        "Pause, resume, retry (a pending item now, a dead letter from scratch) or cancel an outbox item; 409 "
        "when its state does not allow it",
        "outbox",
        "admin",
        response=OutboxItemChanged,
    ),
    "lead_imports.create": Doc(
        "Preview (dry_run) or import a CSV of leads already uploaded to the `imports` bucket at "
        "<uuid>/<file name>. The worker runs it; follow status, rows_read / options.total_rows and the "
        "counts on the lead_imports row (Realtime). Rejected values are listed in error_report_path.",
        "leads",
        "admin",
        LeadImportBody,
        LeadImportAccepted,
        202,
    ),
    "lead_imports.start": Doc(
        "Import a previewed (or failed) file, with a new mapping or the previewed one (mapping null); "
        "409 while it runs or once it completed, 404 for an unknown import",
        "leads",
        "admin",
        LeadImportStart,
        LeadImportAccepted,
        202,
    ),
    "sequence_ticks.sequences_tick": Doc(
        "Run the follow-up sequences tick once (safe to run twice and on many instances)",
        "ticks",
        "internal",
        response=SequencesTicked,
    ),
    "sequence_ticks.webhooks_tick": Doc(
        "Act again on stored webhook events nothing acted on (older than WEBHOOK_SWEEP_AGE_SECONDS)",
        "ticks",
        "internal",
        response=WebhooksSwept,
    ),
    "payment_ticks.payments_reconcile": Doc("Run the payment reconciliation tick once", "ticks", "internal"),
    "payment_ticks.fee_reminders": Doc("Run the fee-reminder tick once", "ticks", "internal"),
    "payment_links.create": Doc(
        "Create a payment link for a lead or student. 422 when the price is outside what the provider "
        "takes for one payment (Instamojo ₹9 to ₹2,00,000, PhonePe from ₹1); 409 when the payer already "
        "paid for, or has a seat in, the batch.",
        "payments",
        "admin",
        PaymentLinkBody,
        status=201,
    ),
    "payment_refunds.create": Doc(
        "Refund a paid payment, fully (amount_paise null) or in part. 202: the payment is refund_pending "
        "until the provider confirms, then refunded (nothing left; the enrollment is cancelled when "
        "automation_settings.cancel_enrollment_on_refund) or paid again with refunded_paise (a partial or "
        "refused refund). 409 when the payment is not paid or the amount exceeds what is left.",
        "payments",
        "admin",
        RefundBody,
        RefundAccepted,
        status=202,
    ),
    "provider_credentials.put": Doc(
        "Store provider secrets, sealed with AES-256-GCM under CREDENTIALS_KEY (write-only: list them "
        "with the RPC list_provider_credentials(), which shows only their last characters); they replace the "
        "environment's values. 404 unknown provider, 422 unknown name, 503 without CREDENTIALS_KEY",
        "settings",
        "admin",
        CredentialValues,
        status=204,
    ),
    "provider_credentials.delete": Doc(
        "Remove one stored provider secret (the environment's value, if any, applies again); 404 if none",
        "settings",
        "admin",
        status=204,
    ),
    "payment_status.show": Doc("A payment's public status (for the return page)", "payments"),
    "payment_links.close": Doc(
        "Close a payment link: it takes no more payment, its open orders expire, its waiting messages and "
        "reminders are cancelled. 404 unknown link, 409 when the payer paid or a payment is under way",
        "payments",
        "admin",
        CloseLinkBody,
    ),
    "payment_checkout.checkout": Doc(
        "Open a payment link (the web app's /pay/<link> page): the provider's checkout URL while an order is "
        "open, a new order when the last one lapsed, the payment made or under way, or why the link closed. "
        "404 unknown link, 503 when the provider does not answer (Retry-After)",
        "payments",
    ),
    "payment_webhooks.instamojo": Doc(
        "Instamojo payment webhook (MAC checked). " + WEBHOOK, "webhooks", form=True
    ),
    "payment_webhooks.phonepe": Doc(
        "PhonePe payment callback (Authorization checked). " + WEBHOOK, "webhooks"
    ),
    "webhooks.sendgrid_events": Doc("SendGrid event batch (ECDSA signature). " + WEBHOOK, "webhooks"),
    "webhooks.sendgrid_inbound": Doc(
        "SendGrid Inbound Parse: a reply by email (secret path). " + WEBHOOK, "webhooks", form=True
    ),
    "webhooks.aisensy_event": Doc(
        "AiSensy status or inbound WhatsApp message (HMAC). " + WEBHOOK, "webhooks"
    ),
    "webhooks.bolna_event": Doc(
        "Bolna call execution update (secret path or source allow-list). " + WEBHOOK, "webhooks"
    ),
}
