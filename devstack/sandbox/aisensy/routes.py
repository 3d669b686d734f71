"""AiSensy's campaign API under /aisensy, and the page's "message us as a contact" form."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

import phonenumbers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from devstack.sandbox import callbacks
from devstack.sandbox.aisensy import webhooks
from devstack.sandbox.aisensy.account import AiSensyAccount
from devstack.sandbox.aisensy.campaigns import Campaign, load_campaigns
from devstack.sandbox.http import json_object
from devstack.sandbox.misbehaviour import maybe_misbehave
from devstack.sandbox.outcomes import UnknownOutcome
from devstack.sandbox.state import SandboxState

CAMPAIGN_PATHS = ("/campaign/t1/api/v2", "/campaign/t1/api")
DEFAULT_REGION = "IN"  # AiSensy reads numbers without a country code as Indian


def refused(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


def e164_digits(number: str) -> str | None:
    """The number as AiSensy stores it (country code and digits, no '+'), or None when impossible."""
    try:
        parsed = phonenumbers.parse(number, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164).lstrip("+")


def _public_url(media: object) -> bool:
    return isinstance(media, dict) and str(media.get("url", "")).startswith(("https://", "http://"))


class AiSensySandbox:
    """Mounted at /aisensy, which is the AISENSY_API_BASE the service is given."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.account = AiSensyAccount.from_secrets(state.secrets)
        self.campaigns = load_campaigns()

    def routes(self) -> list[BaseRoute]:
        sends = [Route(path, self.send_campaign, methods=["POST"]) for path in CAMPAIGN_PATHS]
        return [*sends, Route("/_sandbox/inbound", self.inbound, methods=["POST"])]

    async def send_campaign(self, request: Request) -> Response:
        body = await json_object(request)
        if body is None:
            return refused(400, "Invalid JSON body")
        if not secrets.compare_digest(str(body.get("apiKey", "")), self.account.api_key):
            return JSONResponse(
                {
                    "name": "ERR401",
                    "errorCode": 401,
                    "errorMessage": "Invalid API Key!",
                    "aisTraceId": uuid.uuid4().hex,
                },
                status_code=401,
            )
        return await maybe_misbehave(self.state) or await self._checked(request, body)

    async def _checked(self, request: Request, body: dict[str, Any]) -> Response:
        campaign = self.campaigns.get(str(body.get("campaignName", "")))
        phone = e164_digits(str(body.get("destination", "")))
        if campaign is None:
            return refused(400, "Campaign does not exist.")
        if phone is None:
            return refused(400, "Invalid Number")
        problem = self._problem(campaign, body)
        if problem:
            return refused(400, problem)
        try:
            outcome = webhooks.RULES.choose(self.state, request, phone)
        except UnknownOutcome as error:
            return refused(400, str(error))
        return await self._accept(body, campaign, phone, outcome)

    @staticmethod
    def _problem(campaign: Campaign, body: dict[str, Any]) -> str | None:
        params = body.get("templateParams") or []
        if not str(body.get("userName", "")).strip():
            return "userName is required"
        if not isinstance(params, list) or len(params) != campaign.param_count:
            return f"Template params does not match the campaign: expected {campaign.param_count}"
        media = body.get("media")
        if media is not None and not _public_url(media):
            return "Media url is not publicly accessible"
        return None

    async def _accept(self, body: dict[str, Any], campaign: Campaign, phone: str, outcome: str) -> Response:
        message_id = str(uuid.uuid4())
        text = campaign.render([str(p) for p in body.get("templateParams") or []])
        shown = {**body, "apiKey": "…"}
        record = await self.state.add(
            "aisensy",
            "whatsapp",
            f"+{phone}: {text[:80]}",
            shown,
            message_id=message_id,
            phone=phone,
            text=text,
            outcome=outcome,
        )
        callbacks.in_background(
            self.state, webhooks.deliver_statuses(self.state, self.account, record, phone, outcome)
        )
        return JSONResponse(
            {"success": "true", "submitted_message_id": message_id, "aisTraceId": uuid.uuid4().hex}
        )

    async def inbound(self, request: Request) -> Response:
        """The page's form: {phone, name?, text}; arrives at our webhook as a `message.sender.user` topic."""
        form = await json_object(request) or {}
        phone = e164_digits(str(form.get("phone", "")))
        if phone is None or not str(form.get("text", "")).strip():
            return JSONResponse({"error": "phone (a possible number) and text are required"}, status_code=400)
        message = webhooks.user_message(phone, str(form.get("name") or ""), str(form["text"]))
        record = await self.state.add("aisensy", "inbound", f"+{phone}: {form['text'][:80]}", message)
        callbacks.in_background(self.state, webhooks.deliver_inbound(self.state, self.account, record))
        return JSONResponse({"record_id": record.id}, status_code=202)
