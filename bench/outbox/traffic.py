"""The traffic the workers send: one lead per message, enqueued as several web requests would, or as one
campaign to an audience (the product's burst path)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager

import psycopg

from automation.messages.catalog import Channel
from automation.outbox.enqueue import Recipient, enqueue_message
from automation.workflows.audiences import Audience
from automation.workflows.campaigns import CampaignRequest, start_campaign
from automation.workflows.offers import course_files_url
from bench.outbox.settings import CONTEXT, UNLIMITED
from tests.integration.leads.conftest import add_offered_course
from tests.support.users import add_user

ENQUEUE_CHUNK = 20
ENQUEUE_SESSIONS = 4
ADD_LEADS = """
insert into public.leads (full_name, email, course_id)
select 'Asha Rao', format('lead%%s%%s@example.com', to_char(n, 'FM00000'), %s::text), %s::uuid
  from generate_series(1, %s) n
returning id::text, email
"""


def prepared(db_url: str) -> None:
    """No rate limit: the bench measures how fast the outbox can send, not SendGrid's bucket."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("update public.automation_settings set rate_limits = %s::jsonb", (UNLIMITED,))


def add_leads(
    conn: psycopg.Connection, count: int, tag: str = "", course_id: str | None = None
) -> list[Recipient]:
    """One lead per message, as a campaign or a sequence sends, added before the clock starts: messages to
    a single lead would all update one conversation row, a hot spot real traffic does not have. `tag` goes
    after the local part (the sandbox picks a message's outcome from it); `course_id` is the course the
    leads asked about."""
    rows = conn.execute(ADD_LEADS, (tag, course_id, count)).fetchall()
    return [Recipient("Asha Rao", lead_id=lead, email=email) for lead, email in rows]


def enqueue(conns: list[psycopg.Connection], recipients: list[Recipient], tag: str) -> None:
    """Enqueue as traffic does, from several sessions at once (as several web requests would), each in many
    small transactions (of ENQUEUE_CHUNK), so that sending starts at once. One session alone measured its
    own round trips: the workers waited for it."""
    shares = [list(enumerate(recipients))[n :: len(conns)] for n in range(len(conns))]

    def enqueue_share(conn: psycopg.Connection, share: list[tuple[int, Recipient]]) -> None:
        for start in range(0, len(share), ENQUEUE_CHUNK):
            with conn.transaction():
                for n, recipient in share[start : start + ENQUEUE_CHUNK]:
                    enqueue_message(conn, channel="email", template="reply_to_contact", recipient=recipient,
                                    context=CONTEXT, dedupe_key=f"{tag}:{n}")  # fmt: skip

    with ThreadPoolExecutor(len(conns)) as pool:
        list(pool.map(enqueue_share, conns, shares))


@contextmanager
def sessions(db_url: str, count: int = ENQUEUE_SESSIONS) -> Iterator[list[psycopg.Connection]]:
    """`count` autocommit connections, open until the end of the run so that their CPU is still counted."""
    with ExitStack() as stack:
        yield [stack.enter_context(psycopg.connect(db_url, autocommit=True)) for _ in range(count)]


class Campaign:
    """An email campaign to `count` leads of one offered course, ready to start: its course, leads and
    admin are added before the clock starts, as they exist before an admin presses Send."""

    def __init__(self, conn: psycopg.Connection, count: int, supabase_url: str) -> None:
        self.course_id = add_offered_course(conn)
        add_leads(conn, count, course_id=self.course_id)
        self.admin_id = add_user(conn, "admin")
        self.files_url = course_files_url(supabase_url)

    def start(self, conn: psycopg.Connection) -> None:
        """The product's path (as POST /admin/campaigns): every message in one transaction, then a commit."""
        request = CampaignRequest(
            "Bench", Channel.EMAIL, "follow_up_day_1", Audience(course_id=self.course_id), "bench-campaign",
            self.admin_id,
        )  # fmt: skip
        with conn.transaction():
            start_campaign(conn, request, self.files_url)
