"""The checks SendGrid's mail send applies to a request body, each failure named by its field."""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from typing import Any

MAX_PERSONALIZATIONS = 1000
MAX_RECIPIENTS = 1000
MAX_CATEGORIES = 10
MAX_CATEGORY_LENGTH = 255
MAX_CUSTOM_ARGS_BYTES = 10_000
MAX_SEND_AT_AHEAD_SECONDS = 72 * 3600
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")

Problem = dict[str, Any]


def problem(message: str, field: str | None) -> Problem:
    return {"message": message, "field": field, "help": None}


def problems(body: dict[str, Any]) -> list[Problem]:
    """Every reason SendGrid would refuse this body; empty when it would accept it."""
    checks = (_personalizations, _sender, _reply_to, _content, _categories, _attachments, _extras)
    return [found for check in checks for found in check(body)]


def _address(value: Any, field: str) -> list[Problem]:
    if not isinstance(value, dict) or not EMAIL.match(str(value.get("email", ""))):
        return [problem("Does not contain a valid address.", f"{field}.email")]
    name = value.get("name")
    if field.startswith("personalizations") and name and re.search(r"[;,]", name):
        return [problem("The name may not contain ';' or ','.", f"{field}.name")]
    return []


def _personalizations(body: dict[str, Any]) -> list[Problem]:
    items = body.get("personalizations")
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_PERSONALIZATIONS:
        return [problem("personalizations must hold 1 to 1000 personalizations.", "personalizations")]
    found: list[Problem] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not item.get("to"):
            found.append(problem("Each personalization needs at least one 'to'.", f"personalizations.{i}.to"))
            continue
        for kind in ("to", "cc", "bcc"):
            for j, address in enumerate(item.get(kind) or []):
                found += _address(address, f"personalizations.{i}.{kind}.{j}")
    if (
        sum(len(p.get(k) or []) for p in items if isinstance(p, dict) for k in ("to", "cc", "bcc"))
        > MAX_RECIPIENTS
    ):
        found.append(problem("At most 1000 recipients (to, cc and bcc) per request.", "personalizations"))
    return found


def _sender(body: dict[str, Any]) -> list[Problem]:
    sender = body.get("from")
    if not isinstance(sender, dict) or not sender.get("email"):
        return [problem("The from object must be provided, with an email.", "from.email")]
    if not str(sender["email"]).isascii():
        return [problem("The from address may not contain unicode.", "from.email")]
    return _address(sender, "from")


def _reply_to(body: dict[str, Any]) -> list[Problem]:
    if "reply_to" in body and "reply_to_list" in body:
        return [problem("Use reply_to or reply_to_list, not both.", "reply_to")]
    if "reply_to" in body:
        return _address(body["reply_to"], "reply_to")
    return [
        f for i, a in enumerate(body.get("reply_to_list") or []) for f in _address(a, f"reply_to_list.{i}")
    ]


def _content(body: dict[str, Any]) -> list[Problem]:
    if body.get("template_id"):
        return []
    personalized = all(isinstance(p, dict) and p.get("subject") for p in body.get("personalizations") or [{}])
    found = [] if body.get("subject") or personalized else [problem("The subject is required.", "subject")]
    parts = [part for part in body.get("content") or [] if isinstance(part, dict)]
    types = [part.get("type") for part in parts]
    if not parts or not all(part.get("type") and part.get("value") for part in parts):
        found.append(problem("Content with at least one type and value is required.", "content"))
    elif (
        "text/html" in types
        and "text/plain" in types
        and types.index("text/html") < types.index("text/plain")
    ):
        found.append(problem("text/plain must come before text/html.", "content"))
    return found


def _categories(body: dict[str, Any]) -> list[Problem]:
    categories = body.get("categories") or []
    if any(not isinstance(c, str) or len(c) > MAX_CATEGORY_LENGTH for c in categories):
        return [problem("Each category is a string of at most 255 characters.", "categories")]
    if len(categories) > MAX_CATEGORIES or len(set(categories)) != len(categories):
        return [problem("At most 10 unique categories.", "categories")]
    return []


def _attachments(body: dict[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    for i, attachment in enumerate(body.get("attachments") or []):
        if not isinstance(attachment, dict):
            found.append(problem("Each attachment is an object.", f"attachments.{i}"))
            continue
        for key in ("filename", "content"):
            if not attachment.get(key):
                found.append(problem(f"The attachment {key} is required.", f"attachments.{i}.{key}"))
        if attachment.get("content") and not _is_base64(attachment["content"]):
            found.append(problem("The attachment content must be base64.", f"attachments.{i}.content"))
    return found


def _is_base64(text: str) -> bool:
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _extras(body: dict[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    if len(json.dumps(body.get("custom_args") or {}).encode()) >= MAX_CUSTOM_ARGS_BYTES:
        found.append(problem("custom_args must total less than 10,000 bytes.", "custom_args"))
    send_at = body.get("send_at")
    if send_at is not None and (
        not isinstance(send_at, int) or send_at > time.time() + MAX_SEND_AT_AHEAD_SECONDS
    ):
        found.append(problem("send_at is a unix time at most 72 hours ahead.", "send_at"))
    return found
