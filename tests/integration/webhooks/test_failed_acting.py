"""An event whose action fails is still stored, with the error, for the sweep and the admin."""

from __future__ import annotations

from automation.workflows.provider_webhooks import RawEvent, handle_event
from automation.workflows.webhook_events import Stored

STORED = "select processed_at is null, error from public.webhook_events where event_id = %s"


def test_a_failing_action_keeps_the_raw_event_unprocessed_with_its_error(db):
    def act(conn) -> bool:
        conn.execute("insert into public.leads (full_name, email) values ('Bad', 'not an address')")
        return True

    event = RawEvent("aisensy", "evt-fails-1", "message.created", '{"id": "evt-fails-1"}', {})

    assert handle_event(db, event, act) == Stored.NEW
    unprocessed, error = db.execute(STORED, ("evt-fails-1",)).fetchone()
    assert unprocessed
    assert error.startswith("CheckViolation") or "violat" in error
    assert db.execute("select count(*) from public.leads where full_name = 'Bad'").fetchone()[0] == 0
    # the connection is still usable: a later event on it is acted on
    assert handle_event(db, RawEvent("aisensy", "evt-ok-1", "x", "{}", {}), lambda conn: True) == Stored.NEW
    assert db.execute(STORED, ("evt-ok-1",)).fetchone() == (False, None)
