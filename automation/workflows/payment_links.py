"""Payment links: priced from the course, made at the provider through the outbox, then sent to the payer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

from automation.messages import formatting
from automation.money import format_inr
from automation.outbox.enqueue import Cause, Recipient, enqueue_message, enqueue_request
from automation.workflows import timeline

# PhonePe orders lapse after an hour (see providers/phonepe.py); Instamojo links stay open.
LINK_LIFETIME = {"phonepe": "1 hour"}
PRICE_AND_PAYER = """
select c.price_paise, c.title as course_name, b.name as batch_name, b.starts_on,
       coalesce(l.full_name, p.full_name) as full_name, coalesce(l.email, p.email) as email,
       coalesce(l.phone, p.phone) as phone,
       p.id is not null or l.converted_profile_id is not null as has_account
  from public.batches b join public.courses c on c.id = b.course_id
  left join public.leads l on l.id = %(lead)s
  left join public.profiles p on p.id = %(profile)s
 where b.id = %(batch)s
"""
INSERT_PAYMENT = """
insert into public.payments (lead_id, profile_id, batch_id, provider, list_price_paise, discount_paise,
                             amount_paise, pricing_note, created_by, expires_at)
values (%(lead)s, %(profile)s, %(batch)s, %(provider)s, %(price)s, %(discount)s, %(amount)s, %(note)s,
        %(created_by)s, now() + %(lifetime)s::interval)
returning id
"""


class LinkError(ValueError):
    """The link cannot be made as asked; the message names the field and the fix."""


@dataclass(frozen=True)
class LinkOrder:
    """What an admin asks for: a batch, a lead or a student, and optionally a discount or a fixed amount."""

    batch_id: str
    lead_id: str | None = None
    profile_id: str | None = None
    discount_paise: int = 0
    amount_paise: int | None = None
    pricing_note: str | None = None


@dataclass(frozen=True)
class LinkRoutes:
    """Where the payer returns (gets ?payment=<id>) and where the provider posts its webhooks."""

    return_url: str
    service_url: str


def price(order: LinkOrder, list_price: int) -> tuple[int, int]:
    """(amount, discount) in paise; raises LinkError for a price that is not positive or has no reason."""
    changed = order.amount_paise is not None or order.discount_paise > 0
    if changed and not (order.pricing_note or "").strip():
        raise LinkError("pricing_note: say why the price differs from the course's")
    if order.amount_paise is not None:
        return order.amount_paise, max(list_price - order.amount_paise, 0)
    if order.discount_paise >= list_price:
        raise LinkError("discount_paise: the discount must be less than the course's price")
    return list_price - order.discount_paise, order.discount_paise


def create_payment_link(
    conn: psycopg.Connection, order: LinkOrder, routes: LinkRoutes, provider: str, created_by: str | None
) -> dict[str, Any]:
    """Record the payment and enqueue the provider call; the link is sent once the provider made it.
    Raises LinkError for an unknown batch, a contact without email or phone, a lead without an email
    address and no account yet (paying makes a student, who signs in with it), or a bad price."""
    found = (
        conn.cursor(row_factory=dict_row)
        .execute(
            PRICE_AND_PAYER, {"batch": order.batch_id, "lead": order.lead_id, "profile": order.profile_id}
        )
        .fetchone()
    )
    if found is None:
        raise LinkError("batch_id: no such batch")
    if not (found["email"] or found["phone"]):
        raise LinkError("lead_id: the payer needs an email or a phone to receive the link")
    if not (found["email"] or found["has_account"]):
        raise LinkError("lead_id: add the lead's email address first; paying makes them a student, and a "
                        "student signs in with their email")  # fmt: skip
    amount, discount = price(order, found["price_paise"])
    row = {"lead": order.lead_id, "profile": order.profile_id, "batch": order.batch_id, "provider": provider}
    row |= {"price": found["price_paise"], "discount": discount, "amount": amount, "note": order.pricing_note}
    row |= {"created_by": created_by, "lifetime": LINK_LIFETIME.get(provider)}
    inserted = conn.cursor(row_factory=dict_row).execute(INSERT_PAYMENT, row).fetchone() or {}
    payment_id = str(inserted["id"])
    payer = {"name": found["full_name"] or "Student", "email": found["email"], "phone": found["phone"]}
    payload = {
        "payment_id": payment_id, "provider": provider, "reference": payment_id.replace("-", ""),
        "amount_paise": amount, "purpose": f"{found['course_name']}, {found['batch_name']}", "payer": payer,
        "redirect_url": f"{routes.return_url}?payment={payment_id}",
        "webhook_url": f"{routes.service_url.rstrip('/')}/webhooks/{provider}",
    }  # fmt: skip
    enqueue_request(
        conn, channel="payments", operation="create_payment_link", payload=payload,
        idempotency_key=f"create_payment_link:{payment_id}", cause=Cause("payments", payment_id),
        lead_id=order.lead_id, profile_id=order.profile_id, created_by=created_by,
    )  # fmt: skip
    return {"payment_id": payment_id, "amount_paise": amount, "status": "created"}


LINK_DETAILS = """
select p.id, p.lead_id, p.profile_id, p.amount_paise, p.currency, p.payment_url, b.name as batch_name,
       b.starts_on, c.title as course_name, coalesce(l.full_name, pr.full_name) as full_name,
       coalesce(l.email, pr.email) as email, coalesce(l.phone, pr.phone) as phone,
       cs.name as center_name, cs.website_url, cs.contact_phone
  from public.payments p
  join public.batches b on b.id = p.batch_id
  join public.courses c on c.id = b.course_id
  left join public.leads l on l.id = p.lead_id left join public.profiles pr on pr.id = p.profile_id
  cross join public.center_settings cs
 where p.id = %s
"""


def link_created(conn: psycopg.Connection, payment_id: str, provider_ref: str, url: str) -> None:
    """The provider made the link: store it, move the lead to payment_sent, send it by email and WhatsApp."""
    conn.execute(
        "update public.payments set provider_order_id = %s, payment_url = %s where id = %s",
        (provider_ref, url, payment_id),
    )
    link = link_details(conn, payment_id)
    if link["lead_id"]:
        conn.execute(
            "update public.leads set status = 'payment_sent' where id = %s and status <> 'enrolled'",
            (link["lead_id"],),
        )
    send_link_message(conn, link, "payment_link")
    amount = format_inr(link["amount_paise"])
    timeline.note(
        conn, link["lead_id"], link["profile_id"], f"Payment link for {amount} sent ({link['batch_name']})"
    )


def link_details(conn: psycopg.Connection, payment_id: str) -> dict[str, Any]:
    """The link and its payer, batch and center, as the link's messages show them; LinkError if gone."""
    link = conn.cursor(row_factory=dict_row).execute(LINK_DETAILS, (payment_id,)).fetchone()
    if link is None:
        raise LinkError(f"payment {payment_id} is gone; make a new link")
    return link


def send_link_message(conn: psycopg.Connection, link: dict[str, Any], template: str, scope: str = "") -> None:
    """Enqueue `template` (payment_link, fee_reminder) by email and WhatsApp, once per payment and scope."""
    context = {
        "first_name": (link["full_name"] or "there").split()[0], "batch_name": link["batch_name"],
        "course_name": link["course_name"], "start_date": formatting.long_date(link["starts_on"]),
        "amount": formatting.money(link["amount_paise"], link["currency"]),
        "payment_url": link["payment_url"],
        "center_name": link["center_name"], "website": link["website_url"] or "",
        "support_phone": link["contact_phone"] or "",
    }  # fmt: skip
    lead = str(link["lead_id"]) if link["lead_id"] else None
    profile = str(link["profile_id"]) if link["profile_id"] else None
    recipient = Recipient(link["full_name"], lead, profile, link["email"], link["phone"])
    for channel, address in (("email", link["email"]), ("whatsapp", link["phone"])):
        if address:
            enqueue_message(
                conn, channel=channel, template=template, recipient=recipient, context=context,
                dedupe_key=f"{template}:{channel}:{link['id']}{scope}",
                cause=Cause("payments", str(link["id"])),
            )  # fmt: skip
