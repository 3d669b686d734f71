"""Bolna's execution webhook: no signature exists, so a secret path or Bolna's published addresses."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable

from automation.messages.status import MessageStatus
from automation.providers.bolna import MESSAGE_ID_KEY, parse_execution
from automation.providers.errors import ProviderError
from automation.providers.ports import CallExecution
from automation.webhooks.events import CallUpdate, WebhookPayloadError
from automation.webhooks.secrets import secret_matches

LIVE = {
    "scheduled": MessageStatus.QUEUED,
    "queued": MessageStatus.QUEUED,
    "rescheduled": MessageStatus.QUEUED,
    "initiated": MessageStatus.QUEUED,
    "ringing": MessageStatus.SENT,
    "in-progress": MessageStatus.SENT,
    "call-disconnected": MessageStatus.SENT,  # intermediate: the figures come with "completed"
}
# How a call ended, in words for the admin, where Bolna's own status word says too little.
ENDINGS = {
    "stopped": "stopped-in-bolna",  # by a Bolna dashboard user, or the telephony provider never answered
    "balance-low": "not-placed-bolna-balance-low",  # never dialled: top up the Bolna wallet, then call again
}


def verify_source(
    secret: str | None, path_secret: str | None, allowed: Iterable[str], remote_addr: str | None
) -> bool:
    """A post to /webhooks/bolna/<secret> must carry the configured secret; a post to /webhooks/bolna
    must come from an allowed address or network (behind a proxy, pass the client's real address)."""
    if path_secret is not None:
        return secret_matches(secret, path_secret)
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def disposition(execution: CallExecution) -> str:
    """How the call ended: `completed` only proves the line closed, so a silent call is not-answered."""
    if execution.status == "completed":
        return "answered" if execution.duration_seconds > 0 else "not-answered"
    return ENDINGS.get(execution.status, execution.status)


def call_status(execution: CallExecution) -> MessageStatus:
    if execution.status in LIVE:
        return LIVE[execution.status]
    return MessageStatus.DELIVERED if disposition(execution) == "answered" else MessageStatus.FAILED


def parse_update(body: bytes) -> CallUpdate:
    """One status change of a call. Bolna sends no event id: (execution, status) names the change."""
    try:
        execution = parse_execution(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError, ProviderError) as error:
        raise WebhookPayloadError(f"Bolna webhook: not an execution object ({error})") from error
    message_id = execution.user_data.get(MESSAGE_ID_KEY)
    return CallUpdate(
        event_id=f"{execution.execution_id}:{execution.status}",
        status=call_status(execution),
        disposition=disposition(execution),
        execution=execution,
        message_id=str(message_id) if message_id else None,
    )
