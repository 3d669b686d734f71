"""Payment links: priced from the course, made at the provider through the outbox, then sent to the payer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row, scalar_row

from automation.app_links import AppLinks
from automation.messages import formatting
from automation.money import format_inr
from automation.outbox.enqueue import Cause, Recipient, enqueue_message, enqueue_request
from automation.providers import instamojo, phonepe
from automation.providers.payments import Payer, PaymentLinkRequest
from automation.workflows import timeline

# PhonePe orders lapse after an hour (see providers/phonepe.py); Instamojo links stay open. A payer who
# opens the link's page after that gets a fresh order (workflows/payment_checkout.py).
LINK_LIFETIME = {"phonepe": "1 hour"}
# The messages carrying a payment's link (send_link_message); the outbox skips one whose link closed unsent.
LINK_MESSAGES = ("payment_link", "fee_reminder")
PRICE_AND_PAYER = """
select c.price_paise, c.title as course_name, b.name as batch_name, b.starts_on, b.ends_on,
       b.status::text as batch_status, b.ends_on < private.center_today() as batch_ended,
       coalesce(l.full_name, p.full_name) as full_name, coalesce(l.email, p.email) as email,
       coalesce(l.phone, p.phone) as phone,
       p.id is not null or l.converted_profile_id is not null as has_account
  from public.batches b join public.courses c on c.id = b.course_id
  left join public.leads l on l.id = %(lead)s
  left join public.profiles p on p.id = %(profile)s
 where b.id = %(batch)s
"""
# What one link may ask for at each provider, in paise: (least, most or None).
AMOUNT_LIMITS = {
    "instamojo": (instamojo.MIN_AMOUNT_PAISE, instamojo.MAX_AMOUNT_PAISE),
    "phonepe": (phonepe.MIN_AMOUNT_PAISE, None),
}
PROVIDER_NAMES = {"instamojo": "Instamojo", "phonepe": "PhonePe"}
# The person's money held for the batch (a payment paid in full, or its refund still in flight) or seat
# in it (active or completed), the person being one payer (decision 0684): the student that
# private.payment_student finds for the lead or profile (their account, the lead's converted profile, or
# the student with the lead's email) and the leads private.payer_leads finds for them; the first found.
ALREADY_PAID = """
with student as (
  select private.payment_student(jsonb_populate_record(null::public.payments,
           jsonb_build_object('lead_id', %(lead)s::uuid, 'profile_id', %(profile)s::uuid))) as id
)
(select 'payment' as kind, q.id::text as id, q.status::text as status, q.amount_paise, q.receipt_number
   from public.payments q
  where q.batch_id = %(batch)s and q.status in ('paid', 'refund_pending')
    and coalesce(q.confirmed_paise, q.amount_paise) >= q.amount_paise
    and (q.lead_id = any (array(select w.id from student s, private.payer_leads(%(lead)s::uuid, s.id) w))
         or q.profile_id = (select s.id from student s))
  order by q.paid_at limit 1)
union all
(select 'enrollment', e.id::text, e.status::text, null, null from public.enrollments e
  where e.batch_id = %(batch)s and e.status in ('active', 'completed')
    and e.student_id = (select s.id from student s) limit 1)
limit 1
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


class AlreadyPaid(LinkError):
    """The payer already paid for, or has a seat in, the batch; the message names that payment or seat."""


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


def price(order: LinkOrder, list_price: int, provider: str) -> tuple[int, int]:
    """(amount, discount) in paise; raises LinkError for a price that is not positive, has no reason, or
    is outside what `provider` takes for one payment."""
    changed = order.amount_paise is not None or order.discount_paise > 0
    if changed and not (order.pricing_note or "").strip():
        raise LinkError("pricing_note: say why the price differs from the course's")
    if order.amount_paise is not None:
        amount, discount = order.amount_paise, max(list_price - order.amount_paise, 0)
    elif order.discount_paise >= list_price:
        raise LinkError("discount_paise: the discount must be less than the course's price")
    else:
        amount, discount = list_price - order.discount_paise, order.discount_paise
    check_provider_limits(amount, "discount_paise" if order.discount_paise else "amount_paise", provider)
    return amount, discount


def check_provider_limits(amount: int, field: str, provider: str) -> None:
    """Raise LinkError on `field` when `provider` would refuse a link for `amount` paise."""
    least, most = AMOUNT_LIMITS[provider]
    asked = f"{field}: the payer would be asked for {format_inr(amount)}, but {PROVIDER_NAMES[provider]}"
    if amount < least:
        fix = "give a smaller discount" if field == "discount_paise" else "set a larger fixed amount"
        raise LinkError(f"{asked} takes at least {format_inr(least, drop_zero_paise=True)}; {fix}")
    if most is not None and amount > most:
        raise LinkError(f"{asked} takes at most {format_inr(most, drop_zero_paise=True)} in one payment")


def check_batch_enrolls(batch: Mapping[str, Any]) -> None:
    """Raise LinkError on batch_id unless the batch takes enrollments: planned, open or running (a late
    joiner), and not ended at the center (decision 0684); `batch` holds batch_name, batch_status, ends_on
    and batch_ended."""
    name = batch["batch_name"]
    if batch["batch_status"] in ("completed", "cancelled"):
        raise LinkError(f"batch_id: {name} is {batch['batch_status']} and takes no enrollments; choose an "
                        "open or planned batch of the course")  # fmt: skip
    if batch["batch_ended"]:
        ended = formatting.long_date(batch["ends_on"])
        raise LinkError(f"batch_id: {name} ended on {ended}; choose an open or planned batch of the course, "
                        "or correct the batch's end date")  # fmt: skip


def check_not_paid(conn: psycopg.Connection, order: LinkOrder) -> None:
    """Raise AlreadyPaid when the payer already paid for the batch or has a seat in it."""
    params = {"batch": order.batch_id, "lead": order.lead_id, "profile": order.profile_id}
    found = conn.cursor(row_factory=dict_row).execute(ALREADY_PAID, params).fetchone()
    if found is None:
        return
    payer = "this lead" if order.lead_id else "this student"
    if found["kind"] == "enrollment":
        raise AlreadyPaid(f"{payer} already has a seat in this batch (enrollment {found['id']}, "
                          f"{found['status']}); no new link is needed")  # fmt: skip
    receipt = f", receipt {found['receipt_number']}" if found["receipt_number"] else ""
    refund = " (a refund of it is in progress)" if found["status"] == "refund_pending" else ""
    raise AlreadyPaid(f"{payer} already paid {format_inr(found['amount_paise'])} for this batch (payment "
                      f"{found['id']}{receipt}){refund}; no new link is needed")  # fmt: skip


def create_payment_link(
    conn: psycopg.Connection, order: LinkOrder, routes: LinkRoutes, provider: str, created_by: str | None
) -> dict[str, Any]:
    """Record the payment and enqueue the provider call; the link is sent once the provider made it.
    Raises LinkError for an unknown batch or one that takes no enrollments (check_batch_enrolls), a
    contact without email or phone, a lead without an email address and no account yet (paying makes a
    student, who signs in with it), or a bad price, and AlreadyPaid when the payer already paid for, or
    has a seat in, the batch."""
    found = (
        conn.cursor(row_factory=dict_row)
        .execute(
            PRICE_AND_PAYER, {"batch": order.batch_id, "lead": order.lead_id, "profile": order.profile_id}
        )
        .fetchone()
    )
    if found is None:
        raise LinkError("batch_id: no such batch")
    check_batch_enrolls(found)
    if not (found["email"] or found["phone"]):
        raise LinkError("lead_id: the payer needs an email or a phone to receive the link")
    if not (found["email"] or found["has_account"]):
        raise LinkError("lead_id: add the lead's email address first; paying makes them a student, and a "
                        "student signs in with their email")  # fmt: skip
    check_not_paid(conn, order)
    amount, discount = price(order, found["price_paise"], provider)
    row = {"lead": order.lead_id, "profile": order.profile_id, "batch": order.batch_id, "provider": provider}
    row |= {"price": found["price_paise"], "discount": discount, "amount": amount, "note": order.pricing_note}
    row |= {"created_by": created_by, "lifetime": LINK_LIFETIME.get(provider)}
    inserted = conn.cursor(row_factory=dict_row).execute(INSERT_PAYMENT, row).fetchone() or {}
    payment_id = str(inserted["id"])
    payload = order_payload(payment_id, provider, amount, found, routes)
    enqueue_request(
        conn, channel="payments", operation="create_payment_link", payload=payload,
        idempotency_key=f"create_payment_link:{payment_id}", cause=Cause("payments", payment_id),
        lead_id=order.lead_id, profile_id=order.profile_id, created_by=created_by,
    )  # fmt: skip
    return {"payment_id": payment_id, "amount_paise": amount, "status": "created"}


def order_payload(
    payment_id: str, provider: str, amount: int, facts: Mapping[str, Any], routes: LinkRoutes
) -> dict[str, Any]:
    """What the provider is asked to make for a payment (the outbox's create_payment_link payload);
    `facts`: the payer's full_name, email and phone, and the course_name and batch_name."""
    payer = {"name": facts["full_name"] or "Student", "email": facts["email"], "phone": facts["phone"]}
    return {
        "payment_id": payment_id, "provider": provider, "reference": payment_id.replace("-", ""),
        "amount_paise": amount, "purpose": f"{facts['course_name']}, {facts['batch_name']}", "payer": payer,
        "redirect_url": f"{routes.return_url}?payment={payment_id}",
        "webhook_url": f"{routes.service_url.rstrip('/')}/webhooks/{provider}",
    }  # fmt: skip


def link_request(order: Mapping[str, Any]) -> PaymentLinkRequest:
    """An order_payload as the gateway's request."""
    return PaymentLinkRequest(
        order["reference"], order["amount_paise"], order["purpose"], Payer(**order["payer"]),
        order["redirect_url"], order["webhook_url"],
    )  # fmt: skip


LINK_DETAILS = """
select p.id, p.lead_id, p.profile_id, p.amount_paise, p.currency, b.name as batch_name,
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


def link_created(
    conn: psycopg.Connection, payment_id: str, provider_ref: str, url: str, links: AppLinks
) -> None:
    """The provider made the link: store it, move the lead to payment_sent, send the link's page by email
    and WhatsApp."""
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
    send_link_message(conn, link, "payment_link", links)
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


def send_link_message(
    conn: psycopg.Connection, link: dict[str, Any], template: str, links: AppLinks, scope: str = ""
) -> None:
    """Enqueue `template` (payment_link, fee_reminder) by email and WhatsApp, once per payment and scope.
    The message carries the link's own page, never the provider's checkout URL, which may lapse first."""
    context = {
        "first_name": (link["full_name"] or "there").split()[0], "batch_name": link["batch_name"],
        "course_name": link["course_name"], "start_date": formatting.long_date(link["starts_on"]),
        "amount": formatting.money(link["amount_paise"], link["currency"]),
        "payment_url": links.pay(str(link["id"])),
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


CLOSE = "select private.close_payment_link(%s, %s, %s)"


def close_payment_link(
    conn: psycopg.Connection, link_id: str, admin_id: str | None, reason: str | None
) -> str:
    """Close the link (private.close_payment_link); returns closed, settled, in_progress or missing."""
    return conn.cursor(row_factory=scalar_row).execute(CLOSE, (link_id, admin_id, reason)).fetchone()
