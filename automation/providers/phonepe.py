"""PhonePe Standard Checkout v2 adapter: O-Bearer token, pay, order status, refunds, webhooks."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from automation.providers.http import ProviderSession
from automation.providers.payments import (
    PaymentEvent,
    PaymentLink,
    PaymentLinkRequest,
    PaymentState,
    PaymentStatus,
    RefundRequest,
    RefundState,
    refund_known_by_reference,
)
from automation.providers.phonepe_states import PROVIDER, order_state, refund_state
from automation.providers.phonepe_webhook import parse_phonepe_webhook
from automation.providers.tokens import AccessToken, Clock, TokenCache, call_with_token

API_VERSION = "v2"
OAUTH_PATH = "/v1/oauth/token"
AUTH_SCHEME = "O-Bearer"
# How long a payer has to pay an order (PhonePe accepts 300-3600 s).
ORDER_LIFETIME_SECONDS = 3600
UDF_LIMIT = 256
# The least an order may ask for (v1 and v2 alike).
MIN_AMOUNT_PAISE = 100


class PhonePeGateway:
    """`api_base` is PhonePe's PG base and `oauth_base` its identity base (one and the same in UAT)."""

    provider = PROVIDER

    def __init__(
        self,
        api_base: str,
        oauth_base: str,
        client: tuple[str, str, int],
        webhook_credentials: tuple[str, str],
        clock: Clock = time.time,
    ) -> None:
        """`client` is (id, secret, version); `webhook_credentials` the dashboard's (username, password)."""
        self.session = ProviderSession(PROVIDER, api_base)
        self.oauth = ProviderSession(PROVIDER, oauth_base)
        self._client = client
        self._webhook_credentials = webhook_credentials
        self.tokens = TokenCache(self._fetch_token, clock)

    def _fetch_token(self) -> AccessToken:
        client_id, client_secret, client_version = self._client
        form = {
            "client_id": client_id,
            "client_secret": client_secret,
            "client_version": str(client_version),
            "grant_type": "client_credentials",
        }
        body = self.oauth.call("POST", OAUTH_PATH, data=form).json()
        issued_at, expires_at = float(body["issued_at"]), float(body["expires_at"])
        # Like PhonePe's SDKs: refresh once half the token's life has passed.
        return AccessToken(body["access_token"], issued_at + (expires_at - issued_at) / 2)

    def _api(self, method: str, path: str, **kwargs: object) -> dict[str, Any]:
        return call_with_token(self.session, self.tokens, AUTH_SCHEME, method, path, **kwargs).json()

    def create_link(self, request: PaymentLinkRequest) -> PaymentLink:
        """The reference is the merchantOrderId. The webhook URL is set on PhonePe's dashboard, not here."""
        body = self._api("POST", f"/checkout/{API_VERSION}/pay", json=pay_body(request))
        return PaymentLink(PROVIDER, request.reference, body["redirectUrl"], PaymentStatus.CREATED, raw=body)

    def fetch_status(self, provider_ref: str) -> PaymentState:
        path = f"/checkout/{API_VERSION}/order/{provider_ref}/status?details=true"
        return order_state(provider_ref, self._api("GET", path))

    def refund(self, request: RefundRequest) -> RefundState:
        body = {
            "merchantRefundId": request.reference,
            "originalMerchantOrderId": request.provider_ref,
            "amount": request.amount_paise,
        }
        return refund_state(
            request.reference, self._api("POST", f"/payments/{API_VERSION}/refund", json=body)
        )

    def refund_status(self, refund_ref: str) -> RefundState:
        return refund_state(
            refund_ref, self._api("GET", f"/payments/{API_VERSION}/refund/{refund_ref}/status")
        )

    def find_refund(self, reference: str, _provider_payment_id: str) -> RefundState | None:
        return refund_known_by_reference(self.refund_status, reference)

    def parse_webhook(self, headers: Mapping[str, str], body: bytes) -> PaymentEvent:
        return parse_phonepe_webhook(headers, body, *self._webhook_credentials)


def pay_body(request: PaymentLinkRequest) -> dict[str, Any]:
    """The /checkout/v2/pay request; payer details ride in metaInfo so they show on PhonePe's dashboard."""
    meta = {"udf1": request.payer.name, "udf2": request.payer.email or "", "udf3": request.purpose}
    body: dict[str, Any] = {
        "merchantOrderId": request.reference,
        "amount": request.amount_paise,
        "expireAfter": ORDER_LIFETIME_SECONDS,
        "metaInfo": {key: value[:UDF_LIMIT] for key, value in meta.items() if value},
        "paymentFlow": {
            "type": "PG_CHECKOUT",
            "message": request.purpose,
            "merchantUrls": {"redirectUrl": request.redirect_url},
        },
    }
    if request.payer.phone:
        body["prefillUserLoginDetails"] = {"phoneNumber": indian_mobile(request.payer.phone)}
    return body


def indian_mobile(phone: str) -> str:
    """PhonePe wants the 10-digit national number: +919812345678 → 9812345678."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-10:]
