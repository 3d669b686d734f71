"""Inbound Parse: a contact's reply, posted to our service as SendGrid's parsed multipart form."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import format_datetime, formataddr, make_msgid
from html import escape
from typing import Any

from devstack.sandbox.sendgrid.account import INBOUND_ADDRESS

INBOUND_PATH = "/webhooks/sendgrid/inbound/{secret}"
SENDER_IP = "203.0.113.25"  # the contact's mail server, which their domain's SPF record names
FORGER_IP = "198.51.100.66"  # a server their domain never authorised


def raw_headers(sender: str, subject: str, in_reply_to: str | None) -> str:
    """The header block SendGrid passes in `headers`, threading the reply onto our message."""
    lines = [
        f"From: {sender}",
        f"To: {INBOUND_ADDRESS}",
        f"Subject: {subject}",
        f"Date: {format_datetime(datetime.now(UTC))}",
        f"Message-ID: {make_msgid(domain='mail.example.net')}",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    return "\r\n".join(lines) + "\r\n"


def parse_form(reply: dict[str, Any], in_reply_to: str | None, *, forged: bool = False) -> dict[str, str]:
    """The text fields of a parsed (not raw) Inbound Parse post. A genuine reply comes from the contact's
    own server, signed by their domain: SPF and DKIM pass for it. A `forged` one only writes their address
    in From, from a server of its own: SPF fails and there is no DKIM signature."""
    email, name = reply["from_email"], reply.get("from_name") or ""
    sender = formataddr((name, email)) if name else email
    text = reply["text"]
    return {
        "headers": raw_headers(sender, reply["subject"], in_reply_to),
        "dkim": "none" if forged else f"{{@{email.rpartition('@')[2]} : pass}}",
        "to": INBOUND_ADDRESS,
        "from": sender,
        "subject": reply["subject"],
        "text": text,
        "html": "".join(f"<p>{escape(line)}</p>" for line in text.splitlines()),
        "sender_ip": FORGER_IP if forged else SENDER_IP,
        "envelope": json.dumps({"to": [INBOUND_ADDRESS], "from": email}),
        "attachments": "0",
        "charsets": json.dumps({"to": "UTF-8", "from": "UTF-8", "subject": "UTF-8", "text": "UTF-8"}),
        "SPF": "fail" if forged else "pass",
    }


def multipart(fields: dict[str, str]) -> dict[str, tuple[None, str]]:
    """httpx `files=` value that sends every field as a plain multipart/form-data part."""
    return {name: (None, value) for name, value in fields.items()}
