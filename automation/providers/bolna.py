"""Bolna's voice agents: start a call with `user_data`, read an execution, parse the execution object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from automation.providers import ports
from automation.providers.errors import ProviderAcceptedUnreadable, ProviderError
from automation.providers.http import ProviderSession, json_object

PROVIDER = "bolna"
CALL_PATH = "/call"
EXECUTION_PATH = "/executions/{execution_id}"
MESSAGE_ID_KEY = "coachbase_message_id"  # rides in user_data, so the execution names our message


class BolnaVoice:
    """VoiceCaller for Bolna."""

    def __init__(
        self, session: ProviderSession, api_key: str, agent_id: str, from_number: str | None
    ) -> None:
        self.session = session
        self.session.headers["Authorization"] = f"Bearer {api_key}"
        self.agent_id = agent_id
        self.from_number = from_number

    def start_call(self, call: ports.Call) -> ports.CallExecution:
        """A 2xx with an execution_id; a 2xx without one (or without a JSON object) most likely started
        the call: ProviderAcceptedUnreadable, never a plain failure to retry (decision 0695)."""
        response = self.session.call("POST", CALL_PATH, json=self.body(call))
        try:
            answer = json_object(PROVIDER, response)
        except ProviderError:
            answer = {}
        if not answer.get("execution_id"):
            raise ProviderAcceptedUnreadable(PROVIDER, response.status_code, "an execution_id", response.text)
        return ports.CallExecution(
            execution_id=str(answer["execution_id"]),
            status=str(answer.get("status") or "queued"),
            user_data=self.body(call)["user_data"],
        )

    def get_execution(self, execution_id: str) -> ports.CallExecution:
        response = self.session.call("GET", EXECUTION_PATH.format(execution_id=execution_id))
        return parse_execution(json_object(PROVIDER, response))

    def body(self, call: ports.Call) -> dict[str, Any]:
        body: dict[str, Any] = {
            "agent_id": self.agent_id,
            "recipient_phone_number": call.phone,
            "user_data": {**call.user_data, MESSAGE_ID_KEY: call.message_id},
        }
        if self.from_number:
            body["from_phone_number"] = self.from_number
        if call.scheduled_at:
            # A numeric offset: Bolna refuses the `Z` suffix that isoformat() never writes.
            body["scheduled_at"] = call.scheduled_at.isoformat()
        return body


def parse_execution(raw: Mapping[str, Any]) -> ports.CallExecution:
    """The execution object of GET /executions/{id} and of the webhook; unknown keys are ignored.

    The duration is `conversation_duration` in newer payloads and `conversation_time` in older ones.
    Raises ProviderError when the object has no id or status.
    """
    if not raw.get("id") or not raw.get("status"):
        raise ProviderError(PROVIDER, "execution without id or status")
    telephony = raw.get("telephony_data") or {}
    context = raw.get("context_details") or {}
    return ports.CallExecution(
        execution_id=str(raw["id"]),
        status=str(raw["status"]),
        duration_seconds=float(raw.get("conversation_duration") or raw.get("conversation_time") or 0),
        transcript=raw.get("transcript") or None,
        recording_url=telephony.get("recording_url") or None,
        extracted_data=raw.get("extracted_data") or {},
        hangup_reason=telephony.get("hangup_reason") or None,
        error_message=raw.get("error_message") or None,
        user_data=context.get("recipient_data") or {},
    )
