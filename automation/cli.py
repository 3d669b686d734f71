"""Flask CLI commands: `flask --app automation <command>`."""

from __future__ import annotations

import logging
import signal

import click
from flask import Flask, current_app

from automation.imports.command import import_leads_command
from automation.outbox.background import start_outbox_worker
from automation.scheduler import build_scheduler

log = logging.getLogger(__name__)


@click.command("worker")
def worker_command() -> None:
    """Run the worker process: the outbox sender and the scheduled ticks, until SIGTERM or Ctrl-C."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    scheduler = build_scheduler(app)
    outbox = start_outbox_worker(app)

    def stop(signum: int, _frame: object) -> None:
        log.info("worker stopping on signal %s", signum)
        outbox.stop()
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    log.info("worker started", extra={"ticks": [job.id for job in scheduler.get_jobs()]})
    try:
        scheduler.start()
    except KeyboardInterrupt:
        outbox.stop()
        log.info("worker stopped")


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(import_leads_command)
