"""Every error leaves the service as JSON: {"error": {"code", "message", "fields"?, "request_id"}}."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, g, jsonify, request
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from werkzeug.exceptions import HTTPException

from automation.access_log import mask_secret_paths
from automation.workflows.request_ids import RequestIdReused

log = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str, **extra: object):
    body = {"code": code, "message": message, "request_id": g.get("request_id"), **extra}
    return jsonify(error=body), status


def _on_http_error(error: HTTPException):
    code = (error.name or "error").lower().replace(" ", "_")
    return error_response(error.code or 500, code, error.description or error.name)


def _on_validation_error(error: ValidationError):
    fields = {name: issue["msg"] for issue in error.errors() for name in _fields(issue)}
    return error_response(422, "invalid_input", "Some fields are invalid; see fields.", fields=fields)


def _fields(issue: ErrorDetails) -> list[str]:
    """The dotted fields an issue is about: its location, or for a check across fields each field its
    context names (`fields`: any of them would fix it); the body when neither names one."""
    location = [str(part) for part in issue["loc"]]
    named = (issue.get("ctx") or {}).get("fields")
    if named:
        return [".".join([*location, field]) for field in named]
    return [".".join(location) or "body"]


def _on_unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, mask_secret_paths(request.path))
    return error_response(500, "internal_error", "Something went wrong on our side; try again shortly.")


def _assign_request_id() -> None:
    g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex


def _echo_request_id(response):
    response.headers["X-Request-Id"] = g.get("request_id", "")
    return response


def register_error_handlers(app: Flask) -> None:
    app.before_request(_assign_request_id)
    app.after_request(_echo_request_id)
    app.register_error_handler(HTTPException, _on_http_error)
    app.register_error_handler(ValidationError, _on_validation_error)
    app.register_error_handler(RequestIdReused, _on_request_id_reused)
    app.register_error_handler(Exception, _on_unexpected)


def _on_request_id_reused(error: RequestIdReused):
    """An admin request id already named a different request (decisions 0696, 0698): nothing was done."""
    return error_response(409, "request_id_reused", str(error))
