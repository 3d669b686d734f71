"""An admin pauses, resumes, retries (now, or a dead letter) or cancels an outbox item; others are refused."""

from __future__ import annotations

import pytest
from psycopg.rows import dict_row

from automation.outbox.enqueue import enqueue_message
from automation.workflows.outbox_admin import OutboxActionRefused, change_outbox_item
from tests.integration.outbox.fixtures import insert_lead, recipient, reply_context


def queued(db):
    lead = insert_lead(db)
    return enqueue_message(db, channel="email", template="reply_to_contact", recipient=recipient(lead),
                           context=reply_context(), dedupe_key="admin-actions")  # fmt: skip


def state(db, enqueued):
    return db.execute(
        "select o.status::text, o.attempts, m.status::text, m.error from public.outbox o"
        " join public.crm_messages m on m.id = o.crm_message_id where o.id = %s",
        (enqueued.outbox_id,),
    ).fetchone()


def test_pause_then_resume(db):
    item = queued(db)
    assert change_outbox_item(db, item.outbox_id, "pause").status == "paused"
    assert change_outbox_item(db, item.outbox_id, "resume").status == "pending"


def test_a_dead_letter_retried_starts_over_and_is_queued_again_on_the_timeline(db):
    item = queued(db)
    db.execute("update public.outbox set status = 'dead', attempts = 8 where id = %s", (item.outbox_id,))
    db.execute(
        "update public.crm_messages set status = 'failed', error = 'x' where id = %s", (item.crm_message_id,)
    )
    change_outbox_item(db, item.outbox_id, "retry")
    assert state(db, item) == ("pending", 0, "queued", None)


def test_a_pending_item_retried_is_due_now_with_the_attempts_it_had(db):
    item = queued(db)
    db.execute(
        "update public.outbox set attempts = 2, next_attempt_at = now() + interval '1 hour' where id = %s",
        (item.outbox_id,),
    )
    change_outbox_item(db, item.outbox_id, "retry")
    due = db.execute("select next_attempt_at <= now() from public.outbox where id = %s", (item.outbox_id,))
    assert (state(db, item), due.fetchone()[0]) == (("pending", 2, "queued", None), True)


def test_cancel_says_so_on_the_timeline(db):
    item = queued(db)
    change_outbox_item(db, item.outbox_id, "cancel")
    assert state(db, item) == ("cancelled", 0, "failed", "Not sent: cancelled by an admin")


def test_moves_that_do_not_apply_are_refused_with_the_reason(db):
    item = queued(db)
    with pytest.raises(OutboxActionRefused, match="action must be one of"):
        change_outbox_item(db, item.outbox_id, "delete")
    change_outbox_item(db, item.outbox_id, "cancel")
    with pytest.raises(OutboxActionRefused, match="cannot retry an item that is cancelled; only pending"):
        change_outbox_item(db, item.outbox_id, "retry")
    assert state(db, item)[0] == "cancelled"


def test_a_refused_action_says_why_on_the_service_pools_dict_row_connections(db):
    item = queued(db)
    db.row_factory = dict_row  # as automation.db's pool hands them out
    with pytest.raises(OutboxActionRefused, match="cannot resume an item that is pending; only paused items"):
        change_outbox_item(db, item.outbox_id, "resume")
