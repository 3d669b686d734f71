"""Demo contacts and messages for outbox tests: a lead, the catalog's welcome messages, a recipient."""

from __future__ import annotations

from datetime import date

import psycopg

from automation.messages import catalog
from automation.outbox.enqueue import Recipient

CENTER = catalog.Center("Demo Academy", "https://demo.example", "hello@demo.example", "+919800000000")
COURSE = catalog.Course(
    "course-1",
    "Young Founders",
    date(2027, 1, 9),
    "Saturdays, 10 am",
    1_500_000,
    "https://demo.example/s.pdf",
)


def insert_lead(
    conn: psycopg.Connection, email: str = "asha@example.com", phone: str = "+919812345678", timezone=None
) -> str:
    row = conn.execute(
        "insert into public.leads (full_name, email, phone, timezone) values ('Asha Rao', %s, %s, %s)"
        " returning id",
        (email, phone, timezone),
    ).fetchone()
    return str(row[0])


def recipient(lead_id: str, email: str = "asha@example.com", phone: str = "+919812345678") -> Recipient:
    return Recipient(name="Asha Rao", lead_id=lead_id, email=email, phone=phone)


def welcome(lead_id: str, email: str = "asha@example.com", phone: str = "+919812345678") -> list:
    contact = catalog.Contact(lead_id, "Asha", email, phone)
    return catalog.welcome(contact, COURSE, CENTER)


def reply_context(body: str = "See you on Saturday.") -> dict:
    return {
        **catalog.center_context(CENTER),
        "first_name": "Asha",
        "subject": "Your question",
        "body": body,
        "paragraphs": [body],
        "author_name": "Meera",
    }
