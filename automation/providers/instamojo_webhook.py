"""Instamojo's webhook: verify the MAC (HMAC-SHA1 of the values sorted by lower-cased key), then parse."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import parse_qsl

from automation.money import MoneyError, paise_from_rupees
from automation.providers.payments import PaymentEvent, PaymentStatus, WebhookVerificationError

PROVIDER = "instamojo"
STATUSES = {"credit": PaymentStatus.PAID, "failed": PaymentStatus.FAILED}


def instamojo_mac(fields: Mapping[str, str], private_salt: str) -> str:
    """The MAC Instamojo computes: values (mac excluded) ordered by lower-cased key, joined with '|'."""
    ordered = [fields[key] for key in sorted(fields, key=str.lower) if key != "mac"]
    return hmac.new(private_salt.encode(), "|".join(ordered).encode(), hashlib.sha1).hexdigest()


def parse_instamojo_webhook(body: bytes, private_salt: str) -> PaymentEvent:
    """A verified event from the form-encoded body; raises WebhookVerificationError if forged or malformed."""
    try:
        fields = dict(parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=True))
    except (UnicodeDecodeError, ValueError) as error:
        raise WebhookVerificationError("instamojo: body is not a form") from error
    given = fields.get("mac", "").lower().encode()  # bytes: a non-ASCII mac is a mismatch, not an error
    if not given or not hmac.compare_digest(given, instamojo_mac(fields, private_salt).encode()):
        raise WebhookVerificationError("instamojo: MAC does not match")
    return _event(fields)


def _event(fields: dict[str, str]) -> PaymentEvent:
    try:
        status = STATUSES[fields["status"].lower()]
        amount = paise_from_rupees(fields["amount"])
        payment_id, request_id = fields["payment_id"], fields["payment_request_id"]
    except (KeyError, MoneyError) as error:
        raise WebhookVerificationError(f"instamojo: signed but unusable webhook ({error})") from error
    return PaymentEvent(
        provider=PROVIDER,
        event_id=f"{payment_id}:{fields['status'].lower()}",
        provider_ref=request_id,
        status=status,
        amount_paise=amount,
        provider_payment_id=payment_id,
        raw=fields,
    )
