"""PhonePe v2's HTTP API in the sandbox: O-Bearer token, pay, order status, refund, refund status."""

from __future__ import annotations

import asyncio
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from devstack.sandbox.payments.checkout import checkout_routes
from devstack.sandbox.payments.credentials import (
    PHONEPE_CLIENT_ID,
    PHONEPE_CLIENT_SECRET,
    PHONEPE_CLIENT_VERSION,
)
from devstack.sandbox.payments.phonepe import PROVIDER, PhonePeV2Sandbox, V2Order, millis, phonepe_error
from devstack.sandbox.payments.phonepe_rules import v2_pay_problems, v2_refund_problems
from devstack.sandbox.payments.phonepe_v1 import phonepe_v1_routes
from devstack.sandbox.payments.simulation import Order, Refund, new_id, refundable_paise
from devstack.sandbox.payments.web import api, credential, read_fields
from devstack.sandbox.payments.world import PaymentsWorld, schedule_refund_webhook, start_refund, world_of
from devstack.sandbox.state import SandboxState

DEFAULT_EXPIRE_AFTER_SECONDS = 1200


class PhonePeV2API:
    def __init__(self, sandbox: PhonePeV2Sandbox, world: PaymentsWorld) -> None:
        self.sandbox = sandbox
        self.world = world

    async def token(self, request: Request) -> Response:
        fields = await read_fields(request)
        if fields.get("grant_type") != "client_credentials":
            return phonepe_error(400, "BAD_REQUEST", "grant_type must be client_credentials")
        given = (fields.get("client_id"), fields.get("client_secret"), fields.get("client_version"))
        if given != (PHONEPE_CLIENT_ID, PHONEPE_CLIENT_SECRET, str(PHONEPE_CLIENT_VERSION)):
            return phonepe_error(401, "INVALID_CLIENT", "Client authentication failed")
        token = self.world.tokens.issue(PROVIDER, self.world.behaviour.token_ttl_seconds)
        await self.world.state.add(
            PROVIDER, "token", "O-Bearer token issued", {"expires_at": token.expires_at}
        )
        return JSONResponse(
            {
                "access_token": token.value,
                "encrypted_access_token": token.value[::-1],
                "expires_in": None,
                "issued_at": token.issued_at,
                "expires_at": token.expires_at,
                "session_expires_at": token.expires_at,
                "token_type": "O-Bearer",
            }
        )

    def unauthorized(self, request: Request) -> Response | None:
        token = credential(request, "O-Bearer")
        if token is None or not self.world.tokens.is_valid(PROVIDER, token):
            return phonepe_error(401, "UNAUTHORIZED", "Missing, invalid or expired O-Bearer token")
        return None

    async def pay(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        body = await read_fields(request)
        if problems := v2_pay_problems(body):
            return phonepe_error(400, "BAD_REQUEST", "; ".join(problems))
        if body["merchantOrderId"] in self.sandbox.orders:
            return phonepe_error(400, "BAD_REQUEST", "merchantOrderId has been used before")
        v2 = self._new_order(body)
        checkout = str(request.url_for("phonepe-checkout-v2", order_id=v2.order.id))
        answer = {
            "orderId": v2.order.id,
            "state": "PENDING",
            "expireAt": v2.expire_at,
            "redirectUrl": checkout,
        }
        await self.world.state.add(
            PROVIDER, "order", f"{v2.merchant_order_id}: {v2.order.amount_paise} paise", body, answer=answer
        )
        await asyncio.sleep(self.world.behaviour.answer_delay_ms / 1000)
        return JSONResponse({**answer, "merchantOrderId": v2.merchant_order_id})

    def _new_order(self, body: dict) -> V2Order:
        flow = body["paymentFlow"]
        order = Order(new_id("OMO", 20), body["amount"], str(flow.get("message") or ""), "", False)
        expire_after = body.get("expireAfter") or DEFAULT_EXPIRE_AFTER_SECONDS
        v2 = V2Order(
            order,
            body["merchantOrderId"],
            flow["merchantUrls"]["redirectUrl"],
            millis(time.time() + expire_after),
            body.get("metaInfo") or {},
        )
        self.sandbox.add(v2)
        return v2

    async def order_status(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        v2 = self.sandbox.orders.get(request.path_params["merchant_order_id"])
        if v2 is None:
            return phonepe_error(404, "NOT_FOUND", "No order with this merchantOrderId")
        details = request.query_params.get("details", "false").lower() == "true"
        return JSONResponse(self.sandbox.order_json(v2, details))

    async def refund(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        body = await read_fields(request)
        v2 = self.sandbox.orders.get(str(body.get("originalMerchantOrderId")))
        problems = v2_refund_problems(body, refundable_paise(v2.order, v2.refunds) if v2 else None)
        if body.get("merchantRefundId") in self.sandbox.refunds:
            problems.append("merchantRefundId has been used before")
        if problems or v2 is None:
            return phonepe_error(400, "BAD_REQUEST", "; ".join(problems))
        refund = self._new_refund(v2, body)
        summary = f"refund {refund.merchant_ref}: {refund.amount_paise} paise"
        await self.world.state.add(PROVIDER, "refund", summary, body)
        return JSONResponse({"refundId": refund.id, "amount": refund.amount_paise, "state": "PENDING"})

    def _new_refund(self, v2: V2Order, body: dict) -> Refund:
        ids = (new_id("OMR", 20), body["merchantRefundId"])
        refund = start_refund(self.world, v2.order, ids, body["amount"])
        v2.refunds.append(refund)
        self.sandbox.refunds[refund.merchant_ref] = (v2, refund)
        schedule_refund_webhook(
            self.world, lambda: self.sandbox.refund_webhook(v2, refund), refund.settles_at
        )
        return refund

    async def refund_status(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        found = self.sandbox.refunds.get(request.path_params["merchant_refund_id"])
        if found is None:
            return phonepe_error(404, "NOT_FOUND", "No refund with this merchantRefundId")
        return JSONResponse(self.sandbox.refund_json(*found))


def phonepe_routes(state: SandboxState) -> list[BaseRoute]:
    """Mounted at /phonepe, which stands for both the PG and the OAuth base URL (as in PhonePe's UAT)."""
    world = world_of(state)
    sandbox = PhonePeV2Sandbox(state.webhook_base)
    endpoints = PhonePeV2API(sandbox, world)
    return [
        Route("/v1/oauth/token", api(state, endpoints.token), methods=["POST"]),
        Route("/checkout/v2/pay", api(state, endpoints.pay), methods=["POST"]),
        Route(
            "/checkout/v2/order/{merchant_order_id}/status",
            api(state, endpoints.order_status),
            methods=["GET"],
        ),
        Route("/payments/v2/refund", api(state, endpoints.refund), methods=["POST"]),
        Route(
            "/payments/v2/refund/{merchant_refund_id}/status",
            api(state, endpoints.refund_status),
            methods=["GET"],
        ),
        Mount("/transact/v2", routes=checkout_routes(sandbox, world, "phonepe-checkout-v2")),
        *phonepe_v1_routes(state, world),
    ]
