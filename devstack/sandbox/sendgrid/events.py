"""The Event Webhook: per-recipient event sequences, posted as signed JSON batches, one batch per step."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from devstack.sandbox import callbacks
from devstack.sandbox.outcomes import OutcomeRules
from devstack.sandbox.sendgrid.account import SendGridAccount
from devstack.sandbox.state import Record, SandboxState

EVENTS_PATH = "/webhooks/sendgrid/events"
SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
RESERVED_KEYS = {"email", "timestamp", "smtp-id", "event", "category", "sg_event_id", "sg_message_id"}
# Undocumented keys, as real payloads carry: our parser must ignore what it does not know.
EXTRA_KEYS = {"sg_sandbox_trace": True, "asm_group_id": None}

# The events each outcome produces, in order; a recipient's `+bounce@` (etc.) picks the outcome.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "click": ("processed", "delivered", "open", "click"),
    "open": ("processed", "delivered", "open"),
    "delivered": ("processed", "delivered"),
    "deferred": ("processed", "deferred", "delivered"),
    "bounce": ("processed", "bounce"),
    "blocked": ("processed", "blocked"),
    "dropped": ("dropped",),
    "spamreport": ("processed", "delivered", "open", "spamreport"),
}
RULES = OutcomeRules(
    happy="click",
    unhappy=("bounce", "blocked", "dropped"),
    patterns=tuple((rf"\+{outcome}@", outcome) for outcome in SEQUENCES),
)

DETAILS: dict[str, dict[str, Any]] = {
    "delivered": {"response": "250 2.0.0 OK", "ip": "167.89.0.10", "tls": 1},
    "deferred": {"response": "421 4.7.0 Try again later", "attempt": "1"},
    "open": {"useragent": "Mozilla/5.0 (sandbox)", "ip": "203.0.113.7", "sg_machine_open": False},
    "bounce": {
        "reason": "550 5.1.1 The email account does not exist.",
        "status": "5.1.1",
        "type": "bounce",
        "bounce_classification": "Invalid Address",
    },
    "blocked": {
        "reason": "554 5.7.1 Blocked by the receiving server's policy.",
        "status": "5.7.1",
        "type": "blocked",
        "bounce_classification": "Reputation",
    },
    "dropped": {"reason": "Bounced Address", "status": "5.0.0"},
}


def event(base: dict[str, Any], name: str, sequence_number: int, message: dict[str, Any]) -> dict[str, Any]:
    """One event object: custom args flattened into the top level, reserved keys winning."""
    wire_name = "bounce" if name == "blocked" else name
    found = {**EXTRA_KEYS, **message.get("custom_args", {}), **base, **DETAILS.get(name, {})}
    found.update(
        event=wire_name, timestamp=int(time.time()), sg_event_id=f"{base['sg_message_id']}-{sequence_number}"
    )
    if name == "click":
        found.update(url=first_link(message), url_offset={"index": 0, "type": "html"})
    return found


def first_link(message: dict[str, Any]) -> str:
    html = next((c["value"] for c in message.get("content", []) if c.get("type") == "text/html"), "")
    match = re.search(r'href="(https?://[^"]+)"', html)
    return match.group(1) if match else "https://coachbase.test/"


def batches(message: dict[str, Any], message_id: str, outcomes: dict[str, str]) -> list[list[dict[str, Any]]]:
    """Step i of every recipient's sequence goes in batch i."""
    categories = message.get("categories") or []
    sequences = []
    for n, (email, outcome) in enumerate(outcomes.items()):
        base = {
            "email": email,
            "smtp-id": f"<{message_id}@ismtpd-sandbox>",
            "sg_message_id": f"{message_id}.filterdrecv-sandbox-{n}.0",
            **({"category": categories[0] if len(categories) == 1 else categories} if categories else {}),
        }
        sequences.append([event(base, name, i, message) for i, name in enumerate(SEQUENCES[outcome])])
    depth = max(len(s) for s in sequences)
    return [[s[i] for s in sequences if i < len(s)] for i in range(depth)]


async def deliver(
    state: SandboxState, account: SendGridAccount, record: Record, steps: list[list[dict[str, Any]]]
) -> None:
    """Post each batch, signed as SendGrid signs, after the configured delay."""
    for batch in steps:
        await callbacks.pause(state)
        body = json.dumps(batch, separators=(",", ":")).encode() + b"\r\n"
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: account.sign(timestamp, body),
            TIMESTAMP_HEADER: timestamp,
        }
        label = ", ".join(sorted({e["event"] for e in batch}))
        await callbacks.post(state, record, label, EVENTS_PATH, content=body, headers=headers)
