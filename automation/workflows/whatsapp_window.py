"""WhatsApp's 24-hour customer-service window: outside it, only an approved template may be sent.

The window itself is private.whatsapp_window_ends_at, read by the CRM reply (when queued) and the outbox gate
(when sent)."""

from __future__ import annotations

# Campaigns carrying a person's own words (a CRM reply): free-form, so they go only inside the window.
FREE_FORM_CAMPAIGNS = frozenset({"reply_to_contact"})
