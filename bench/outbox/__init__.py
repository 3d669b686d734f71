"""Outbox figures: messages/s from enqueue to provider-accepted with 1, 2 and 4 worker processes, of
sending alone (everything enqueued before the workers start), and from the start of one email campaign to
an audience (the product's burst path, one transaction; its follow-up email is longer than the bare
loop's, 2.0 against 1.3 kB of text, decision 0575), each between two runs of a bare HTTP loop
and compared with their mean (the load of a shared machine moves between runs). The loop posts the email
the workers send to the same sandbox endpoint through the adapter's own HTTP session class, with as many
connections as a worker has sends in flight (OUTBOX_CONCURRENCY). Every run gets a fresh sandbox process,
with callbacks off. One lead per message, as a campaign sends, enqueued from 4 sessions at once. Each run
prints the CPU each part spent per message (sandbox, workers, database, the bench itself), read from
/proc, which moves far less with the load than messages/s. Then a run where one of two workers is killed
with SIGKILL while it holds claimed rows, counting duplicates and losses from the sandbox's records and
our rows: there the sandbox calls the service's webhooks back (after CALLBACK_DELAY_MS), served by this
process, so that a reclaimed email finds SendGrid's events if the killed worker's send was accepted, and the
workers wait IN_DOUBT_GRACE_SECONDS (OUTBOX_IN_DOUBT_GRACE_SECONDS, 10 minutes by default) for them.

Usage: .venv/bin/python -m bench.outbox [messages]   (default 3000; needs the devstack cluster:
python -m devstack db start)
"""
