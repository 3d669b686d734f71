"""Instamojo v2's HTTP API in the sandbox: /oauth2/token/, payment requests, payments, refunds, checkout."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from devstack.sandbox.payments.checkout import checkout_routes
from devstack.sandbox.payments.credentials import INSTAMOJO_CLIENT_ID, INSTAMOJO_CLIENT_SECRET
from devstack.sandbox.payments.instamojo import PROVIDER, InstamojoSandbox, PaymentRequest
from devstack.sandbox.payments.instamojo_rules import (
    flag,
    invalid_refund,
    invalid_request,
    normalised_phone,
    paise_of,
)
from devstack.sandbox.payments.simulation import Order, new_id, refundable_paise
from devstack.sandbox.payments.web import api, credential, mount_url, read_fields
from devstack.sandbox.payments.world import start_refund, world_of
from devstack.sandbox.state import SandboxState

NOT_FOUND = {"success": False, "message": "Not found."}
LIST_PAGING = (("page", 1), ("limit", 50))


class InstamojoAPI:
    def __init__(self, sandbox: InstamojoSandbox) -> None:
        self.sandbox = sandbox
        self.world = sandbox.world

    async def token(self, request: Request) -> Response:
        fields = await read_fields(request)
        if fields.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        if (fields.get("client_id"), fields.get("client_secret")) != (
            INSTAMOJO_CLIENT_ID,
            INSTAMOJO_CLIENT_SECRET,
        ):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        token = self.world.tokens.issue(PROVIDER, self.world.behaviour.token_ttl_seconds)
        await self.world.state.add(PROVIDER, "token", "access token issued", {"expires_at": token.expires_at})
        body = {"access_token": token.value, "token_type": "Bearer", "scope": "read write"}
        return JSONResponse({**body, "expires_in": token.expires_at - token.issued_at})

    def unauthorized(self, request: Request) -> Response | None:
        token = credential(request, "Bearer")
        if token is None:
            return JSONResponse({"success": False, "message": "Authentication credentials missing."}, 401)
        if not self.world.tokens.is_valid(PROVIDER, token):
            return JSONResponse({"success": False, "message": "Invalid or expired token."}, 401)
        return None

    async def create_request(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        fields = await read_fields(request)
        if errors := invalid_request(fields):
            return JSONResponse(errors, status_code=400)
        pr = self._new_request(request, fields)
        await self.world.state.add(
            PROVIDER,
            "payment_request",
            f"{pr.order.purpose}: ₹{fields['amount']} for {pr.order.payer_name}",
            self.sandbox.request_json(pr),
            id=pr.order.id,
        )
        return JSONResponse(self.sandbox.request_json(pr), status_code=201)

    def _new_request(self, request: Request, fields: dict) -> PaymentRequest:
        order = Order(
            id=uuid.uuid4().hex,
            amount_paise=paise_of(fields["amount"]) or 0,
            purpose=str(fields["purpose"]),
            payer_name=str(fields.get("buyer_name") or ""),
            retry_after_failure=True,
        )
        copied = ("buyer_name", "email", "redirect_url", "webhook", "expires_at")
        kept = {key: fields.get(key) for key in copied}
        kept["phone"] = normalised_phone(fields.get("phone"))
        for key in ("send_email", "send_sms", "allow_repeated_payments"):
            kept[key] = flag(fields.get(key))
        longurl = str(request.url_for("instamojo-checkout", order_id=order.id))
        pr = PaymentRequest(order, kept, longurl, f"{mount_url(request)}/v2/")
        self.sandbox.requests[order.id] = pr
        return pr

    async def get_request(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        pr = self.sandbox.requests.get(request.path_params["request_id"])
        return JSONResponse(self.sandbox.request_json(pr)) if pr else JSONResponse(NOT_FOUND, 404)

    async def disable_request(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        pr = self.sandbox.requests.get(request.path_params["request_id"])
        if pr is None:
            return JSONResponse(NOT_FOUND, 404)
        pr.order.disabled = True
        await self.world.state.add(PROVIDER, "disable", f"{pr.order.id} disabled", {"id": pr.order.id})
        return JSONResponse({"success": True})

    async def get_payment(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        found = self.sandbox.payment(request.path_params["payment_id"])
        return JSONResponse(self.sandbox.payment_json(*found)) if found else JSONResponse(NOT_FOUND, 404)

    async def refund(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        found = self.sandbox.payment(request.path_params["payment_id"])
        if found is None:
            return JSONResponse(NOT_FOUND, 404)
        pr, attempt = found
        fields = await read_fields(request)
        # Instamojo takes one refund per payment, and refuses a replayed transaction_id.
        left = 0 if pr.refunds else refundable_paise(pr.order, pr.refunds)
        if errors := invalid_refund(fields, left):
            return JSONResponse({"success": False, "message": errors}, status_code=400)
        amount = paise_of(fields.get("refund_amount") or "") or left
        ids = (new_id("C", 9), str(fields.get("transaction_id") or ""))
        refund = start_refund(
            self.world, pr.order, ids, amount, type=str(fields["type"]), body=str(fields["body"])
        )
        pr.refunds.append(refund)
        self.sandbox.refunds[refund.id] = (pr, refund)
        body = self.sandbox.refund_json(pr, refund)
        await self.world.state.add(PROVIDER, "refund", f"refund {refund.id} of {attempt.id}", body)
        return JSONResponse({"success": True, "refund": body}, status_code=201)

    async def list_refunds(self, request: Request) -> Response:
        """Every refund of the account, newest first, a page at a time (`page` from 1, `limit` per page)."""
        if denied := self.unauthorized(request):
            return denied
        page, limit = (_positive(request.query_params.get(k), default) for k, default in LIST_PAGING)
        refunds = list(reversed(self.sandbox.refunds.values()))
        shown = refunds[(page - 1) * limit : page * limit]
        more = page * limit < len(refunds)
        next_url = str(request.url.include_query_params(page=page + 1, limit=limit)) if more else None
        listed = [self.sandbox.refund_json(*found) for found in shown]
        return JSONResponse({"count": len(refunds), "next": next_url, "refunds": listed})

    async def get_refund(self, request: Request) -> Response:
        if denied := self.unauthorized(request):
            return denied
        found = self.sandbox.refunds.get(request.path_params["refund_id"])
        if found is None:
            return JSONResponse(NOT_FOUND, 404)
        return JSONResponse({"success": True, "refund": self.sandbox.refund_json(*found)})


def _positive(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def instamojo_routes(state: SandboxState) -> list[BaseRoute]:
    """Mounted at /instamojo: the base URL an adapter is given is .../instamojo."""
    world = world_of(state)
    sandbox = InstamojoSandbox(world)
    endpoints = InstamojoAPI(sandbox)
    return [
        Route("/oauth2/token/", api(state, endpoints.token), methods=["POST"]),
        Route("/v2/payment_requests/", api(state, endpoints.create_request), methods=["POST"]),
        Route("/v2/payment_requests/{request_id}/", api(state, endpoints.get_request), methods=["GET"]),
        Route(
            "/v2/payment_requests/{request_id}/disable/",
            api(state, endpoints.disable_request),
            methods=["POST"],
        ),
        Route("/v2/payments/{payment_id}/", api(state, endpoints.get_payment), methods=["GET"]),
        Route("/v2/payments/{payment_id}/refund/", api(state, endpoints.refund), methods=["POST"]),
        Route("/v2/refunds/", api(state, endpoints.list_refunds), methods=["GET"]),
        Route("/v2/refunds/{refund_id}/", api(state, endpoints.get_refund), methods=["GET"]),
        Mount("/checkout", routes=checkout_routes(sandbox, world, "instamojo-checkout")),
    ]
