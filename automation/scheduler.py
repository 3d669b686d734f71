"""Scheduled ticks, declared as data with stable ids; each tick calls one workflow.

Ticks must be safe to run twice and on many instances at once (DESIGN.md rule 5): the
scheduler only decides *when*; the workflow's own locking decides *who*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from automation.api.internal import run_sequences, run_webhook_sweep
from automation.api.lead_imports import run_lead_imports
from automation.api.payment_ticks import run_fee_reminders, run_reconciliation
from automation.db import get_pool
from automation.workflows.intake_counters import sweep_intake_counters


@dataclass(frozen=True)
class Tick:
    id: str
    run: Callable[[Flask], None]
    trigger: BaseTrigger


def _reconcile_payments(app: Flask) -> None:
    run_reconciliation(app)


def _remind_fees(app: Flask) -> None:
    run_fee_reminders(app)


def _advance_sequences(app: Flask) -> None:
    run_sequences(app)


def _run_lead_imports(app: Flask) -> None:
    run_lead_imports(app)


def _sweep_webhooks(app: Flask) -> None:
    run_webhook_sweep(app)


def _sweep_intake_counters(app: Flask) -> None:
    sweep_intake_counters(get_pool(app))


# Business areas add their ticks here (outbox dispatch, reminders, reconciliation, ...).
TICKS: tuple[Tick, ...] = (
    # PhonePe's status-check schedule has 3-second steps.
    Tick("payments-reconcile", _reconcile_payments, IntervalTrigger(seconds=3)),
    Tick("fee-reminders", _remind_fees, IntervalTrigger(minutes=5)),
    Tick("sequences", _advance_sequences, IntervalTrigger(seconds=60)),
    # Admin CSV imports wait at most this long for a worker; one tick runs every waiting import.
    Tick("lead-imports", _run_lead_imports, IntervalTrigger(seconds=2)),
    Tick("webhook-sweep", _sweep_webhooks, IntervalTrigger(seconds=30)),
    Tick("intake-counter-sweep", _sweep_intake_counters, IntervalTrigger(minutes=10)),
)


def build_scheduler(app: Flask, ticks: tuple[Tick, ...] = TICKS) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    add_ticks(scheduler, app, ticks)
    return scheduler


def add_ticks(scheduler: BaseScheduler, app: Flask, ticks: tuple[Tick, ...] = TICKS) -> None:
    """Declare `ticks` on any scheduler (blocking in the worker, background where a test hosts them)."""
    for tick in ticks:
        scheduler.add_job(
            _in_app_context(app, tick.run),
            trigger=tick.trigger,
            id=tick.id,
            name=tick.id,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=30,
        )


def _in_app_context(app: Flask, run: Callable[[Flask], None]) -> Callable[[], None]:
    def job() -> None:
        with app.app_context():
            run(app)

    return job
