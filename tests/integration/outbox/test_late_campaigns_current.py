"""A campaign's, a bulk send's or an admin's course template or AI call that waited (quiet hours, retries)
names the course's batch that is next when it goes, or no date when none is left (decision 0685)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import psycopg
import pytest

from automation.messages import catalog, formatting
from automation.messages.catalog import Channel
from automation.workflows.audiences import Audience
from automation.workflows.campaigns import CampaignRequest, start_campaign
from automation.workflows.crm_calls import start_call
from automation.workflows.lead_templates import send_template
from automation.workflows.segments import BulkMessage, Segment, message_segment
from tests.integration.leads.conftest import add_offered_course
from tests.integration.outbox.conftest import ALWAYS_OPEN
from tests.integration.outbox.test_gate_zone import ALMOST_ALWAYS_QUIET
from tests.integration.outbox.test_late_messages_current import LEAD
from tests.integration.outbox.test_welcome_current_offer import (
    CANCELLED,
    DUE_NOW,
    EVENING,
    FILES,
    MORNING,
    SENT,
    whatsapp_params,
)
from tests.support.users import add_user

TEMPLATE = "follow_up_day_3"


def _campaign(conn: psycopg.Connection, lead: str, admin: str) -> None:
    request = CampaignRequest("Seats filling", Channel.WHATSAPP, TEMPLATE, Audience(lead_ids=(lead,)),
                              str(uuid.uuid4()), admin)  # fmt: skip
    assert start_campaign(conn, request, FILES).recipients == 1


def _bulk(conn: psycopg.Connection, _lead: str, admin: str) -> None:
    message = BulkMessage(Channel.WHATSAPP, TEMPLATE, str(uuid.uuid4()), admin)
    assert message_segment(conn, Segment("spoken-english"), message, FILES) == 1


def _one_lead(conn: psycopg.Connection, lead: str, admin: str) -> None:
    assert send_template(conn, lead, BulkMessage(Channel.WHATSAPP, TEMPLATE, str(uuid.uuid4()), admin), FILES)


SENDS: dict[str, Callable[[psycopg.Connection, str, str], None]] = {
    "campaign": _campaign, "bulk": _bulk, "template": _one_lead,
}  # fmt: skip


def _held_overnight(outbox_db, make_worker, sandbox, send) -> str:
    """The lead's WhatsApp message queued at night and held by quiet hours; returns the date it quoted when
    queued (the Morning batch's)."""
    course = add_offered_course(outbox_db)
    lead = str(outbox_db.execute(LEAD, (course,)).fetchone()[0])
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    with outbox_db.transaction():
        send(outbox_db, lead, add_user(outbox_db, "admin"))
    assert make_worker().run_once() == 1
    assert sandbox.records("aisensy") == []  # held until the morning
    return formatting.long_date(outbox_db.execute(MORNING).fetchone()[1])


def _morning_comes(outbox_db, make_worker) -> str:
    outbox_db.execute(ALWAYS_OPEN)
    outbox_db.execute(DUE_NOW)
    assert make_worker("worker-b").run_once() == 1
    (sent,) = outbox_db.execute(SENT).fetchall()
    return sent[1]


@pytest.mark.parametrize("send", SENDS.values(), ids=SENDS.keys())
def test_a_held_course_message_names_the_batch_opened_after_its_batch_was_cancelled(
    outbox_db, make_worker, sandbox, send
):
    queued_date = _held_overnight(outbox_db, make_worker, sandbox, send)
    outbox_db.execute(CANCELLED, (outbox_db.execute(MORNING).fetchone()[0],))
    evening = formatting.long_date(outbox_db.execute(EVENING).fetchone()[0])
    body = _morning_comes(outbox_db, make_worker)

    assert whatsapp_params(sandbox) == ["Asha", "Spoken English", evening]
    assert f"seats are filling for the Spoken English batch starting on {evening}." in body
    assert queued_date not in body


@pytest.mark.parametrize("send", SENDS.values(), ids=SENDS.keys())
def test_a_held_course_message_with_no_batch_left_quotes_no_date(outbox_db, make_worker, sandbox, send):
    queued_date = _held_overnight(outbox_db, make_worker, sandbox, send)
    outbox_db.execute(CANCELLED, (outbox_db.execute(MORNING).fetchone()[0],))
    body = _morning_comes(outbox_db, make_worker)

    assert whatsapp_params(sandbox) == ["Asha", "Spoken English", catalog.DATE_TO_COME]
    assert queued_date not in body


def test_a_crm_call_held_until_morning_is_briefed_with_the_batch_that_is_next_when_it_starts(
    outbox_db, make_worker, sandbox
):
    course = add_offered_course(outbox_db)
    lead = str(outbox_db.execute(LEAD, (course,)).fetchone()[0])
    outbox_db.execute(ALMOST_ALWAYS_QUIET)
    with outbox_db.transaction():
        start_call(outbox_db, lead, str(uuid.uuid4()), add_user(outbox_db, "admin"), FILES)
    assert make_worker().run_once() == 1
    assert sandbox.records("bolna") == []  # held until the morning
    queued_date = formatting.long_date(outbox_db.execute(MORNING).fetchone()[1])
    outbox_db.execute(CANCELLED, (outbox_db.execute(MORNING).fetchone()[0],))
    evening = formatting.long_date(outbox_db.execute(EVENING).fetchone()[0])

    brief = _morning_comes(outbox_db, make_worker)

    assert f"the next batch starts on {evening} (Tuesdays at 18:00)" in brief
    assert queued_date not in brief
