"""A call's execution object, as Bolna reports it, and its walk from queued to a final status."""

from __future__ import annotations

import asyncio
import copy
import uuid
from datetime import UTC, datetime
from typing import Any

from devstack.sandbox import callbacks
from devstack.sandbox.bolna import conversation
from devstack.sandbox.bolna.account import BolnaAccount
from devstack.sandbox.outcomes import OutcomeRules
from devstack.sandbox.state import Record, SandboxState

# Statuses each outcome walks through. Numbers ending 0000 ring out, 1111 are busy, 2222 fail,
# 3333 are stopped (the telephony provider does not respond), 4444 find the wallet too low to call.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "completed": ("queued", "initiated", "ringing", "in-progress", "call-disconnected", "completed"),
    "no-answer": ("queued", "initiated", "ringing", "no-answer"),
    "busy": ("queued", "initiated", "ringing", "busy"),
    "failed": ("queued", "failed"),
    "stopped": ("queued", "initiated", "stopped"),
    "balance-low": ("queued", "balance-low"),
}
RULES = OutcomeRules(
    happy="completed",
    unhappy=("no-answer", "busy"),
    patterns=(
        ("0000$", "no-answer"),
        ("1111$", "busy"),
        ("2222$", "failed"),
        ("3333$", "stopped"),
        ("4444$", "balance-low"),
    ),
)
HANGUPS = {
    "completed": ("user", "Call recipient hungup", "16"),
    "no-answer": ("system", "No answer from the recipient", "19"),
    "busy": ("system", "Recipient busy", "17"),
}
COST_CENTS_PER_SECOND = 0.2


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_execution(agent_id: str, body: dict[str, Any], status: str) -> dict[str, Any]:
    stamp = now()
    return {
        "id": str(uuid.uuid4()),
        "agent_id": agent_id,
        "batch_id": None,
        "conversation_duration": 0,
        "total_cost": 0,
        "status": status,
        "error_message": None,
        "answered_by_voice_mail": False,
        "transcript": None,
        "created_at": stamp,
        "updated_at": stamp,
        "cost_breakdown": {"llm": 0, "network": 0, "platform": 0, "synthesizer": 0, "transcriber": 0},
        "telephony_data": _telephony(body),
        "transfer_call_data": None,
        "batch_run_details": None,
        "extracted_data": None,
        "context_details": {"recipient_data": body.get("user_data") or {}},
        "smart_status": None,  # undocumented key: our parser must ignore it
    }


def _telephony(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "duration": None,
        "to_number": body["recipient_phone_number"],
        "from_number": body.get("from_phone_number") or "+918035000000",
        "recording_url": None,
        "hosted_telephony": True,
        "provider_call_id": None,
        "call_type": "outbound",
        "provider": "plivo",
        "hangup_by": None,
        "hangup_reason": None,
        "hangup_provider_code": None,
    }


def advance(execution: dict[str, Any], status: str, recording_url: str) -> None:
    """Move the execution to `status`, filling in what Bolna knows at that point."""
    execution.update(status=status, updated_at=now())
    telephony = execution["telephony_data"]
    if status == "ringing":
        telephony["provider_call_id"] = uuid.uuid4().hex
    if status in HANGUPS:
        telephony["hangup_by"], telephony["hangup_reason"], telephony["hangup_provider_code"] = HANGUPS[
            status
        ]
    if status == "failed":
        execution["error_message"] = "The telephony provider could not place the call."
    if status == "completed":
        _finish(execution, recording_url)


def _finish(execution: dict[str, Any], recording_url: str) -> None:
    user_data = execution["context_details"]["recipient_data"]
    text = conversation.transcript(user_data)
    seconds = conversation.duration_seconds(text)
    execution.update(
        transcript=text,
        conversation_duration=seconds,
        total_cost=round(seconds * COST_CENTS_PER_SECOND, 2),
        extracted_data=conversation.extracted_data(user_data),
    )
    execution["telephony_data"].update(duration=str(seconds), recording_url=recording_url)


def as_fetched(execution: dict[str, Any]) -> dict[str, Any]:
    """GET /executions/{id} names the duration `conversation_time` (the webhook: `conversation_duration`)."""
    shown = {key: value for key, value in execution.items() if key != "conversation_duration"}
    return {**shown, "conversation_time": execution["conversation_duration"]}


async def run(
    state: SandboxState, account: BolnaAccount, record: Record, outcome: str, starts_at: datetime | None
) -> None:
    """Post the whole execution on every status change, as Bolna's agent webhook does."""
    execution = record.details["execution"]
    if starts_at is not None:
        await asyncio.sleep(max(0.0, (starts_at - datetime.now(UTC)).total_seconds()))
    for status in SEQUENCES[outcome]:
        await callbacks.pause(state)
        advance(execution, status, record.details["recording_url"])
        body = copy.deepcopy(execution)
        await callbacks.post(state, record, status, account.webhook_path, json=body)
