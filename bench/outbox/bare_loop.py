"""The bar: a bare HTTP loop posting the workers' own email to the same sandbox endpoint."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from automation.messages.templates import render_email
from automation.providers import sendgrid
from automation.providers.bootstrap import bootstrap_providers
from automation.providers.http import ProviderSession
from automation.providers.ports import Email
from bench.outbox.figures import Run, measure
from bench.outbox.processes import fresh_sandbox
from bench.outbox.settings import CONTEXT, settings_for
from bench.process_cpu import probe


def bare_loop(sandbox_url: str, count: int, concurrency: int) -> None:
    """`concurrency` HTTP connections (as many as a worker's sends in flight), each a session of the
    adapter's own class with its headers, posting the body the workers send (the same rendered email, a
    message id of the same length) in a loop, `count` in all: the sandbox does the same work for both."""
    email_sender = bootstrap_providers(settings_for("postgresql://unused", sandbox_url)).email
    content = render_email("reply_to_contact", CONTEXT)
    email = Email(str(uuid.uuid4()), "lead00001@example.com", "Asha Rao", content.subject, content.text,
                  content.html)  # fmt: skip
    body = email_sender.body(email)

    def post(n: int) -> None:
        session = ProviderSession(sendgrid.PROVIDER, email_sender.session.base_url)
        session.headers.update(email_sender.session.headers)
        for _ in range(n):
            session.call("POST", sendgrid.SEND_PATH, json=body)

    shares = [count // concurrency + (i < count % concurrency) for i in range(concurrency)]
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(post, shares))


def bare_figure(count: int, concurrency: int) -> Run:
    with fresh_sandbox() as (sandbox, url):
        return measure(
            count, probe({"sandbox": sandbox.pid}, own="bench"), lambda: bare_loop(url, count, concurrency)
        )
