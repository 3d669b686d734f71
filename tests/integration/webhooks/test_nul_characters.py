"""A contact's words with a NUL character in them (Postgres stores none) are kept with U+FFFD in its place,
over real HTTP from the sandbox: an email reply, a WhatsApp message."""

from __future__ import annotations

from tests.integration.webhooks.test_inbound_consent import INBOUND_COUNT, email_in, whatsapp_in
from tests.integration.webhooks.test_webhooks import send_welcome

BODIES = "select channel::text, body from public.crm_messages where direction = 'inbound' order by channel"
STORED = "select provider, processed_at is not null and error is null from public.webhook_events order by 1"


def test_an_email_and_a_whatsapp_message_with_nul_characters_are_kept(stack):
    send_welcome(stack)
    email_in(stack, "call me\x00 tomorrow")
    whatsapp_in(stack, "ok\x00 thanks")
    stack.wait_for(INBOUND_COUNT, 2)

    assert stack.db.execute(BODIES).fetchall() == [
        ("email", "call me\ufffd tomorrow"),
        ("whatsapp", "ok\ufffd thanks"),
    ]
    stored = dict(stack.db.execute(STORED).fetchall())
    assert stored["sendgrid_inbound"]
    assert stored["aisensy"]
