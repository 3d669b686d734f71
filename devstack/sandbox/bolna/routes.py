"""Bolna's HTTP contract under /bolna: POST /call, GET /executions/{id}, and the calls' recordings."""

from __future__ import annotations

import io
import re
import secrets
import uuid
import wave
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from devstack.sandbox import callbacks
from devstack.sandbox.bolna import calls
from devstack.sandbox.bolna.account import BolnaAccount
from devstack.sandbox.bolna.scheduling import ScheduleRejected, ZuluRejected, start_time
from devstack.sandbox.http import bearer_token, json_object
from devstack.sandbox.misbehaviour import maybe_misbehave
from devstack.sandbox.outcomes import UnknownOutcome
from devstack.sandbox.state import Record, SandboxState

E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def detail(status: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


def invalid(field: str, message: str) -> JSONResponse:
    """A FastAPI-style validation answer naming the field."""
    return JSONResponse(
        {"detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]}, status_code=422
    )


def body_problem(body: dict[str, Any]) -> JSONResponse | None:
    try:
        uuid.UUID(str(body.get("agent_id")))
    except ValueError:
        return invalid("agent_id", "agent_id is required and must be a UUID")
    if not E164.match(str(body.get("recipient_phone_number", ""))):
        return invalid("recipient_phone_number", "recipient_phone_number must be in E.164 form")
    if not isinstance(body.get("user_data", {}), dict):
        return invalid("user_data", "user_data must be an object")
    return None


def silent_wav(seconds: int = 1, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(b"\0\0" * rate * seconds)
    return buffer.getvalue()


class BolnaSandbox:
    """Mounted at /bolna, which is the BOLNA_API_BASE the service is given."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.account = BolnaAccount.from_secrets(state.secrets)
        self.calls: dict[str, Record] = {}

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/call", self.start_call, methods=["POST"]),
            Route("/executions/{execution_id}", self.get_execution, methods=["GET"]),
            Route("/_sandbox/recordings/{execution_id}.wav", self.recording, methods=["GET"]),
        ]

    async def _refusal(self, request: Request) -> Response | None:
        token = bearer_token(request)
        if token is None or not secrets.compare_digest(token, self.account.api_key):
            return detail(401, "Access denied")
        return await maybe_misbehave(self.state)

    async def start_call(self, request: Request) -> Response:
        refusal = await self._refusal(request)
        if refusal:
            return refusal
        body = await json_object(request)
        if body is None:
            return detail(400, "The body must be a JSON object")
        problem = body_problem(body)
        if problem:
            return problem
        if body["agent_id"] != self.account.agent_id:
            return detail(404, "Agent not found")
        return await self._scheduled(request, body)

    async def _scheduled(self, request: Request, body: dict[str, Any]) -> Response:
        try:
            starts_at = start_time(body["scheduled_at"]) if body.get("scheduled_at") else None
            outcome = calls.RULES.choose(self.state, request, body["recipient_phone_number"])
        except ZuluRejected:
            return detail(500, "Internal Server Error")
        except (ScheduleRejected, UnknownOutcome) as error:
            return detail(400, str(error))
        return await self._accept(request, body, outcome, starts_at)

    async def _accept(
        self, request: Request, body: dict[str, Any], outcome: str, starts_at: datetime | None
    ) -> Response:
        status = "scheduled" if starts_at else "queued"
        execution = calls.new_execution(self.account.agent_id, body, status)
        recording = str(request.url_for("recording", execution_id=execution["id"]))
        summary = f"{body['recipient_phone_number']}: {body.get('user_data', {}).get('first_name', 'call')}"
        record = await self.state.add(
            "bolna", "call", summary, body, execution=execution, outcome=outcome, recording_url=recording
        )
        self.calls[execution["id"]] = record
        callbacks.in_background(self.state, calls.run(self.state, self.account, record, outcome, starts_at))
        answer = {"message": "done", "status": status, "execution_id": execution["id"], "run_id": None}
        return JSONResponse(answer)

    async def get_execution(self, request: Request) -> Response:
        refusal = await self._refusal(request)
        if refusal:
            return refusal
        record = self.calls.get(request.path_params["execution_id"])
        if record is None:
            return detail(404, "Execution not found")
        return JSONResponse(calls.as_fetched(record.details["execution"]))

    async def recording(self, request: Request) -> Response:
        if request.path_params["execution_id"] not in self.calls:
            return detail(404, "Recording not found")
        return Response(silent_wav(), media_type="audio/wav")
