"""AiSensy's project webhooks: message status topics and incoming user messages, HMAC-signed."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from devstack.sandbox import callbacks
from devstack.sandbox.aisensy.account import PROJECT_HEADER, SIGNATURE_HEADER, AiSensyAccount
from devstack.sandbox.outcomes import OutcomeRules
from devstack.sandbox.state import Record, SandboxState

WEBHOOK_PATH = "/webhooks/aisensy"
INBOUND_TOPIC = "message.sender.user"
STATUS_TOPIC = "message.status.{status}"
# Statuses each outcome walks through. Numbers ending 0000 fail, 1111 stop at delivered, 2222 at sent.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "read": ("sent", "delivered", "read"),
    "delivered": ("sent", "delivered"),
    "sent": ("sent",),
    "failed": ("failed",),
}
RULES = OutcomeRules(
    happy="read",
    unhappy=("failed",),
    patterns=(("0000$", "failed"), ("1111$", "delivered"), ("2222$", "sent")),
)
FAILURE = {"code": 131026, "reason": "Message undeliverable: the number is not on WhatsApp."}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def envelope(account: AiSensyAccount, topic: str, message: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "topic": topic,
        "project_id": account.project_id,
        "created_at": now(),
        "delivery_attempt": 1,  # undocumented key: our parser must ignore it
        "data": {"message": message},
    }


def status_message(message_id: str, phone: str, status: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "id": message_id,
        "phone_number": phone,
        "status": status,
        "message_type": "TEMPLATE",
    }
    if status == "failed":
        message["failure"] = FAILURE
    return {**message, "sent_at": now()}


def user_message(phone: str, name: str, text: str) -> dict[str, Any]:
    return {
        "id": f"wamid.{uuid.uuid4().hex}",
        "phone_number": phone,
        "sender": "USER",
        "user_name": name,
        "message_type": "TEXT",
        "message_content": {"text": text},
        "sent_at": now(),
    }


async def post(state: SandboxState, account: AiSensyAccount, record: Record, body: dict[str, Any]) -> None:
    raw = json.dumps(body, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: account.sign(raw),
        PROJECT_HEADER: account.project_id,
    }
    await callbacks.post(state, record, body["topic"], WEBHOOK_PATH, content=raw, headers=headers)


async def deliver_statuses(
    state: SandboxState, account: AiSensyAccount, record: Record, phone: str, outcome: str
) -> None:
    for status in SEQUENCES[outcome]:
        await callbacks.pause(state)
        message = status_message(record.details["message_id"], phone, status)
        await post(state, account, record, envelope(account, STATUS_TOPIC.format(status=status), message))


async def deliver_inbound(state: SandboxState, account: AiSensyAccount, record: Record) -> None:
    await callbacks.pause(state)
    await post(state, account, record, envelope(account, INBOUND_TOPIC, record.payload))
