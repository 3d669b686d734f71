"""PhonePe's webhooks: v2 (Authorization = sha256 of username:password) and v1 (X-VERIFY on base64)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from automation.providers.errors import ProviderUnavailable
from automation.providers.payments import (
    PaymentEvent,
    PaymentState,
    PaymentStatus,
    WebhookVerificationError,
    header_value,
)
from automation.providers.phonepe_signing import authorization_matches, x_verify_matches
from automation.providers.phonepe_states import PROVIDER, order_state, v1_state

ORDER_EVENTS = ("checkout.order.completed", "checkout.order.failed")
# A refund event says what became of the payment: refunded once the refund completed, else still paid.
REFUND_EVENTS = {
    "pg.refund.accepted": PaymentStatus.PAID,
    "pg.refund.completed": PaymentStatus.REFUNDED,
    "pg.refund.failed": PaymentStatus.PAID,
}


def _json(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise WebhookVerificationError("phonepe: body is not JSON") from error
    if not isinstance(parsed, dict):
        raise WebhookVerificationError("phonepe: body is not a JSON object")
    return parsed


def parse_phonepe_webhook(
    headers: Mapping[str, str], body: bytes, username: str, password: str
) -> PaymentEvent:
    """v2: check Authorization first, then read `event` and `payload.state` (never the deprecated `type`)."""
    if not authorization_matches(header_value(headers, "Authorization"), username, password):
        raise WebhookVerificationError("phonepe: Authorization does not match the webhook credentials")
    message = _json(body)
    event, payload = message.get("event"), message.get("payload")
    if not isinstance(payload, dict) or (event not in ORDER_EVENTS and event not in REFUND_EVENTS):
        raise WebhookVerificationError(f"phonepe: unknown or malformed event {event!r}")
    try:
        return _refund_event(event, payload) if event in REFUND_EVENTS else _order_event(event, payload)
    except (KeyError, TypeError, ValueError) as error:
        raise WebhookVerificationError(f"phonepe: signed but unusable webhook ({error!r})") from error


def _event_of(state: PaymentState, event_id: str, raw: dict[str, Any]) -> PaymentEvent:
    return PaymentEvent(
        provider=PROVIDER,
        event_id=event_id,
        provider_ref=state.provider_ref,
        status=state.status,
        amount_paise=state.amount_paise,
        provider_payment_id=state.provider_payment_id,
        raw=raw,
    )


def _order_event(event: str, payload: dict[str, Any]) -> PaymentEvent:
    return _event_of(
        order_state(payload["merchantOrderId"], payload), f"{event}:{payload['orderId']}", payload
    )


def _refund_event(event: str, payload: dict[str, Any]) -> PaymentEvent:
    return PaymentEvent(
        provider=PROVIDER,
        event_id=f"{event}:{payload['refundId']}",
        provider_ref=payload["originalMerchantOrderId"],
        status=REFUND_EVENTS[event],
        amount_paise=int(payload["amount"]),
        refund_ref=payload["merchantRefundId"],
        raw=payload,
    )


def parse_phonepe_v1_callback(
    headers: Mapping[str, str], body: bytes, salt_key: str, salt_index: int
) -> PaymentEvent:
    """v1: X-VERIFY over the base64 `response` before decoding it.

    Refund callbacks look like payment callbacks; their provider_ref is the refund's merchantTransactionId.
    """
    encoded = _json(body).get("response")
    if not isinstance(encoded, str) or not x_verify_matches(
        header_value(headers, "X-VERIFY"), encoded, salt_key, salt_index
    ):
        raise WebhookVerificationError("phonepe: X-VERIFY does not match the callback")
    try:
        answer = json.loads(base64.b64decode(encoded, validate=True))
        state = v1_state(answer)
    except (binascii.Error, ValueError, KeyError, TypeError, ProviderUnavailable) as error:
        raise WebhookVerificationError(f"phonepe: signed but unusable callback ({error!r})") from error
    return _event_of(state, f"v1:{answer['code']}:{state.provider_ref}", answer)
