"""Enqueuing outbox rows wakes workers LISTENing on channel "outbox" once the transaction commits."""

from __future__ import annotations

import psycopg

ENQUEUE = """
insert into public.outbox (channel, operation, idempotency_key, payload)
select 'email', 'send', 'notify-test-' || n, '{}' from generate_series(1, %s) n
"""


def test_a_committed_enqueue_notifies_once_per_statement(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as listener, psycopg.connect(fresh_db_url) as writer:
        listener.execute("listen outbox")
        writer.execute(ENQUEUE, (3,))
        assert list(listener.notifies(timeout=0.2)) == []
        writer.commit()
        received = list(listener.notifies(timeout=5, stop_after=1))
        assert [n.channel for n in received] == ["outbox"]
        assert list(listener.notifies(timeout=0.2)) == []


def test_a_rolled_back_enqueue_notifies_nobody(fresh_db_url):
    with psycopg.connect(fresh_db_url, autocommit=True) as listener, psycopg.connect(fresh_db_url) as writer:
        listener.execute("listen outbox")
        writer.execute(ENQUEUE, (1,))
        writer.rollback()
        assert list(listener.notifies(timeout=0.5)) == []
