"""Payloads Postgres can store. Its text and jsonb refuse the NUL character, which a contact's words may
carry (junk in an email, a JSON \\u0000 escape in a WhatsApp text or a call transcript): storing the event
failed and the provider's retries failed alike. Once a webhook is verified (on its bytes as sent), every NUL
becomes U+FFFD, the replacement character, before anything is parsed or stored."""

from __future__ import annotations

import re
from collections.abc import Mapping

REPLACEMENT = "\ufffd"
# A \u0000 escape in JSON text, not preceded by an escaped backslash (\\u0000 is a backslash and "u0000").
JSON_NUL = re.compile(rb"(?<!\\)((?:\\\\)*)\\u0000")


def storable_body(body: bytes) -> bytes:
    """The body with every NUL, raw or as a JSON escape, made U+FFFD."""
    return JSON_NUL.sub(rb"\1\\ufffd", body.replace(b"\x00", REPLACEMENT.encode()))


def storable_form(form: Mapping[str, str]) -> dict[str, str]:
    """The form's fields with every NUL made U+FFFD."""
    return {_text(name): _text(value) for name, value in form.items()}


def _text(value: str) -> str:
    return value.replace("\x00", REPLACEMENT)
