"""The hosted checkout page every simulated gateway sends its payer to: pick an outcome, get redirected."""

from __future__ import annotations

import time
from typing import Protocol

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from devstack.sandbox.payments.courier import Webhook, WebhookFate
from devstack.sandbox.payments.simulation import Attempt, Order, Outcome
from devstack.sandbox.payments.web import templates
from devstack.sandbox.payments.world import PaymentsWorld

OUTCOME_LABELS = {
    Outcome.SUCCESS: "Payment succeeds",
    Outcome.FAILURE: "Payment fails",
    Outcome.PENDING_THEN_SUCCESS: "Pending, then succeeds",
}
PROVIDER_LABELS = {"instamojo": "Instamojo", "phonepe": "PhonePe"}
FATE_LABELS = {
    WebhookFate.DELIVER: "deliver it",
    WebhookFate.DROP: "drop it (reconciliation must notice)",
    WebhookFate.DUPLICATE: "send it twice",
    WebhookFate.DELAY: "send it late, after the redirect",
}


class CheckoutGateway(Protocol):
    """What the page needs from a simulated gateway."""

    provider: str

    def find(self, order_id: str) -> Order | None: ...

    def new_attempt_id(self) -> str: ...

    def redirect(self, order: Order, attempt: Attempt) -> Response:
        """Send the payer back to the merchant, the way this provider does."""
        ...

    def webhook(self, order: Order, attempt: Attempt) -> Webhook | None:
        """The signed notification of a settled attempt, or None if this provider sends none for it."""
        ...


def _page(gateway: CheckoutGateway, world: PaymentsWorld, order: Order, status: int = 200) -> Response:
    html = templates.get_template("checkout.html").render(
        provider=PROVIDER_LABELS.get(gateway.provider, gateway.provider),
        order=order,
        rupees=f"{order.amount_paise / 100:,.2f}",
        open=order.accepts_attempt(time.time()),
        result=order.result(time.time()).value,
        outcomes=OUTCOME_LABELS,
        fates=FATE_LABELS,
        default_fate=world.behaviour.webhook,
    )
    return HTMLResponse(html, status_code=status)


def _choice(form_value: object, kind: type[Outcome] | type[WebhookFate]) -> Outcome | WebhookFate | None:
    try:
        return kind(str(form_value))
    except ValueError:
        return None


def checkout_routes(gateway: CheckoutGateway, world: PaymentsWorld, name: str) -> list[Route]:
    """GET shows the page for /{order_id}; POST (outcome, webhook) pays and redirects the payer."""

    async def show(request: Request) -> Response:
        order = gateway.find(request.path_params["order_id"])
        if order is None:
            return HTMLResponse("No such payment.", status_code=404)
        return _page(gateway, world, order)

    async def pay(request: Request) -> Response:
        order = gateway.find(request.path_params["order_id"])
        if order is None:
            return HTMLResponse("No such payment.", status_code=404)
        form = await request.form()
        outcome = _choice(form.get("outcome"), Outcome)
        fate = _choice(form.get("webhook") or world.behaviour.webhook, WebhookFate)
        if not isinstance(outcome, Outcome) or not isinstance(fate, WebhookFate):
            return HTMLResponse("Choose an outcome and what happens to the webhook.", status_code=400)
        if not order.accepts_attempt(time.time()):
            return _page(gateway, world, order, status=409)
        attempt = order.begin(gateway.new_attempt_id(), outcome, world.behaviour.settle_delay_ms / 1000)
        await world.state.add(
            gateway.provider,
            "checkout",
            f"{order.id}: {outcome.value}, webhook {fate.value}",
            {"order": order.id, "attempt": attempt.id, "outcome": outcome.value, "webhook": fate.value},
        )
        _schedule_webhook(gateway, world, order, attempt, fate)
        return gateway.redirect(order, attempt)

    return [
        Route("/{order_id}", show, methods=["GET"], name=name),
        Route("/{order_id}", pay, methods=["POST"]),
    ]


def _schedule_webhook(
    gateway: CheckoutGateway, world: PaymentsWorld, order: Order, attempt: Attempt, fate: WebhookFate
) -> None:
    delay = world.state.behaviour.webhook_delay_ms / 1000
    if fate is WebhookFate.DELAY:
        delay += world.behaviour.late_webhook_ms / 1000
    world.courier.schedule(lambda: gateway.webhook(order, attempt), attempt.settles_at + delay, fate)
