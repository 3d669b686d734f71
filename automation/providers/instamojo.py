"""Instamojo v2 adapter: client-credentials token, payment requests, payments, refunds, webhooks."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from automation.money import paise_from_rupees, rupees_from_paise
from automation.providers.http import ProviderSession
from automation.providers.instamojo_webhook import PROVIDER, parse_instamojo_webhook
from automation.providers.payments import (
    PaymentEvent,
    PaymentLink,
    PaymentLinkRequest,
    PaymentState,
    PaymentStatus,
    RefundRequest,
    RefundState,
    RefundStatus,
)
from automation.providers.tokens import AccessToken, Clock, TokenCache, call_with_token

API_VERSION = "v2"
OAUTH_PATH = "/oauth2/token/"
# The official SDK fetches a new token this long before the old one lapses.
TOKEN_REFRESH_MARGIN_SECONDS = 300
# Instamojo wants a reason code on refunds; "RFD" is its plain "refund".
REFUND_TYPE = "RFD"
REFUND_STATUSES = {"refunded": RefundStatus.COMPLETED, "processed": RefundStatus.COMPLETED}
REFUND_STATUSES |= {"rejected": RefundStatus.FAILED, "failed": RefundStatus.FAILED}
REFUND_PAGE_SIZE = 100
CLOSED_REQUEST_STATUSES = {"expired", "failed"}
# What one payment request may ask for: ₹9 to ₹2,00,000.
MIN_AMOUNT_PAISE = 900
MAX_AMOUNT_PAISE = 20_000_000
# Instamojo keeps a buyer's phone as an Indian mobile (+91 and ten digits) and refuses the whole request
# for any other number, e.g. a foreign one; such a phone is left out (it only prefills the checkout).
INDIAN_MOBILE = re.compile(r"^\+91[6-9]\d{9}$")


class InstamojoGateway:
    """`base_url` is the host, e.g. https://api.instamojo.com (token at /oauth2/token/, API under /v2/)."""

    provider = PROVIDER

    def __init__(
        self, base_url: str, client_id: str, client_secret: str, private_salt: str, clock: Clock = time.time
    ) -> None:
        self.session = ProviderSession(PROVIDER, base_url)
        self._credentials = {"client_id": client_id, "client_secret": client_secret}
        self._private_salt = private_salt
        self._clock = clock
        self.tokens = TokenCache(self._fetch_token, clock)

    def _fetch_token(self) -> AccessToken:
        form = {"grant_type": "client_credentials", **self._credentials}
        body = self.session.call("POST", OAUTH_PATH, data=form).json()
        lifetime = float(body["expires_in"])
        refresh_at = self._clock() + max(lifetime - TOKEN_REFRESH_MARGIN_SECONDS, lifetime / 2)
        return AccessToken(body["access_token"], refresh_at)

    def _api(self, method: str, path: str, **kwargs: object) -> dict[str, Any]:
        response = call_with_token(
            self.session, self.tokens, "Bearer", method, f"/{API_VERSION}{path}", **kwargs
        )
        return response.json()

    def create_link(self, request: PaymentLinkRequest) -> PaymentLink:
        """Instamojo takes no idempotency key: the reference is not sent; a retried call makes a new link.
        A phone that is not an Indian mobile is not sent (Instamojo would refuse the request)."""
        form = {
            "amount": rupees_from_paise(request.amount_paise),
            "purpose": request.purpose,
            "buyer_name": request.payer.name,
            "redirect_url": request.redirect_url,
            "webhook": request.webhook_url,
            "allow_repeated_payments": "False",
            "send_email": "False",
            "send_sms": "False",
        }
        phone = request.payer.phone if INDIAN_MOBILE.match(request.payer.phone or "") else None
        contact = {"email": request.payer.email, "phone": phone}
        body = self._api(
            "POST", "/payment_requests/", data={**form, **{k: v for k, v in contact.items() if v}}
        )
        return PaymentLink(PROVIDER, body["id"], body["longurl"], PaymentStatus.CREATED, raw=body)

    def disable_link(self, provider_ref: str) -> None:
        """Close a payment request, so its page takes no further payment."""
        self._api("POST", f"/payment_requests/{provider_ref}/disable/")

    def fetch_status(self, provider_ref: str) -> PaymentState:
        payment_request = self._api("GET", f"/payment_requests/{provider_ref}/")
        payments = [
            self._api("GET", f"/payments/{_last_segment(url)}/") for url in payment_request["payments"]
        ]
        return request_state(payment_request, payments)

    def refund(self, request: RefundRequest) -> RefundState:
        form = {
            "transaction_id": request.reference,
            "type": REFUND_TYPE,
            "body": request.reason,
            "refund_amount": rupees_from_paise(request.amount_paise),
        }
        body = self._api("POST", f"/payments/{request.provider_payment_id}/refund/", data=form)
        return _refund_state(body["refund"])

    def refund_status(self, refund_ref: str) -> RefundState:
        return _refund_state(self._api("GET", f"/refunds/{refund_ref}/")["refund"])

    def find_refund(self, reference: str, provider_payment_id: str) -> RefundState | None:
        """The payment's refund made under our `reference` (its transaction_id), or None if there is none:
        Instamojo cannot be asked for one refund by our id, so its refunds are listed, newest first."""
        page, more = 1, True
        while more:
            listed = self._api("GET", "/refunds/", params={"page": page, "limit": REFUND_PAGE_SIZE})
            for refund in listed.get("refunds") or listed.get("results") or []:
                if _made_for(refund, provider_payment_id, reference):
                    return _refund_state(refund)
            page, more = page + 1, bool(listed.get("next"))
        return None

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> PaymentEvent:
        return parse_instamojo_webhook(body, self._private_salt)


def _last_segment(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def request_state(payment_request: Mapping[str, Any], payments: Sequence[Mapping[str, Any]]) -> PaymentState:
    """A payment request and its payments (oldest first) as one PaymentState: any success wins."""
    succeeded = [p for p in payments if p.get("status") is True]
    deciding = succeeded[0] if succeeded else (payments[-1] if payments else None)
    status = _status(payment_request, deciding)
    failure = (deciding or {}).get("failure") or {}
    return PaymentState(
        provider=PROVIDER,
        provider_ref=str(payment_request["id"]),
        status=status,
        amount_paise=_amount_paise(payment_request, deciding),
        provider_payment_id=deciding.get("id") if deciding else None,
        failure_reason=failure.get("message") or failure.get("reason"),
        raw={"payment_request": payment_request, "payments": payments},
    )


def _amount_paise(payment_request: Mapping[str, Any], payment: Mapping[str, Any] | None) -> int:
    """What the deciding payment itself says it took (its own `amount`, which can differ from what its request
    asks, e.g. a request edited after it was paid); the request's amount while no payment was made."""
    return paise_from_rupees(str((payment if payment is not None else payment_request)["amount"]))


def _status(payment_request: Mapping[str, Any], payment: Mapping[str, Any] | None) -> PaymentStatus:
    if payment is None:
        closed = str(payment_request.get("status", "")).lower() in CLOSED_REQUEST_STATUSES
        return PaymentStatus.FAILED if closed else PaymentStatus.CREATED
    outcome = payment.get("status")  # true: paid, false: failed, null: still under way
    if outcome is True:
        return PaymentStatus.PAID
    return PaymentStatus.FAILED if outcome is False else PaymentStatus.PENDING


def _made_for(refund: Mapping[str, Any], provider_payment_id: str, reference: str) -> bool:
    """A refund names its payment by id (or by its v2 URL) and echoes our transaction_id."""
    payment = _last_segment(str(refund.get("payment_id") or refund.get("payment") or ""))
    return payment == provider_payment_id and str(refund.get("transaction_id") or "") == reference


def _refund_state(refund: Mapping[str, Any]) -> RefundState:
    status = REFUND_STATUSES.get(str(refund.get("status", "")).lower(), RefundStatus.PENDING)
    return RefundState(
        PROVIDER, str(refund["id"]), status, paise_from_rupees(str(refund["refund_amount"])), refund
    )
