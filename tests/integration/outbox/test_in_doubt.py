"""A send that timed out may have reached the provider: its retry looks for evidence first, like a reclaim."""

from __future__ import annotations

from automation.outbox.enqueue import enqueue_outgoing
from tests.integration.outbox.fixtures import insert_lead, recipient, welcome
from tests.integration.outbox.test_worker import count

HELD = "status = 'pending' and result->>'held' = 'checking whether it was sent'"


def test_an_email_that_timed_out_waits_for_evidence_then_goes_again(
    outbox_db, make_worker, providers, sandbox
):
    with outbox_db.transaction():
        lead = insert_lead(outbox_db, "asha@example.com", None)
        for message in welcome(lead, "asha@example.com", None):
            enqueue_outgoing(outbox_db, message, recipient(lead, "asha@example.com", None))
    providers.email.session.timeout = (5.0, 0.2)
    sandbox.behave(latency_ms=2000)
    worker = make_worker()
    worker.run_once()
    assert (
        count(
            outbox_db, "status = 'pending' and in_doubt_since is not null and last_error like '%timed out%'"
        )
        == 1
    )
    outbox_db.execute("update public.outbox set next_attempt_at = now()")
    sandbox.behave(latency_ms=0)
    worker.run_once()
    assert count(outbox_db, HELD) == 1  # no event names it (nobody calls this test's service back)
    outbox_db.execute(
        "update public.outbox set next_attempt_at = now(), in_doubt_since = now() - interval '1 hour'"
    )
    worker.run_once()
    assert count(outbox_db, "status = 'sent'") == 1
