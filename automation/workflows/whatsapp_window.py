"""WhatsApp's 24-hour customer-service window: outside it, only an approved template may be sent."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg.rows import scalar_row

WINDOW_ENDS = "select private.whatsapp_window_ends_at(%s, %s::public.contact_party)"
# Campaigns carrying a person's own words (a CRM reply): free-form, so they go only inside the window.
FREE_FORM_CAMPAIGNS = frozenset({"reply_to_contact"})


class WhatsAppWindowClosed(ValueError):
    """A free-form WhatsApp message was asked for outside the window; the message says what to do."""


def window_ends_at(conn: psycopg.Connection, conversation_id: str, party: str = "self") -> datetime | None:
    """When the window with this person closes (24 hours after their last WhatsApp); None if never opened."""
    cursor = conn.cursor(row_factory=scalar_row)
    return cursor.execute(WINDOW_ENDS, (conversation_id, party)).fetchone()


def require_open_window(
    conn: psycopg.Connection, conversation_id: str, party: str = "self", *, is_template: bool
) -> None:
    """Allow a template always, and a free-form message only inside the window.

    Raises WhatsAppWindowClosed naming when the window closed (or that it never opened) and the fix.
    """
    if is_template:
        return
    ends = window_ends_at(conn, conversation_id, party)
    now = conn.cursor(row_factory=scalar_row).execute("select now()").fetchone()
    if ends is None or ends <= now:
        since = f"closed at {ends.isoformat()}" if ends else "has not opened (they never wrote on WhatsApp)"
        raise WhatsAppWindowClosed(
            f"The 24-hour WhatsApp window with this contact {since}: choose an approved template to send, "
            "or wait for them to write first."
        )
