"""The sequences tick: queue each due step of each active run and advance the run; safe on many hosts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

import psycopg
from jinja2 import TemplateError, TemplateNotFound
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from automation.outbox.enqueue import Cause, Recipient, enqueue_message
from automation.workflows.follow_ups import step_context, step_facts
from automation.workflows.offers import offer_facts
from automation.workflows.welcome import contact_from_row

log = logging.getLogger(__name__)
BATCH = 200
# Each due run with its step and whom the step's party names. The run follows a lead, or a student's profile
# (with the lead it converted from, if any; the course is that of the student's latest enrollment that is not
# cancelled, else the one they asked about as a lead); the step goes to that person or to their parent.
DUE = """
select e.id::text, e.sequence_id, e.next_position, s.channel::text, s.party::text, s.template,
       who.lead_id::text, who.profile_id::text, who.course_id::text,
       case when s.party = 'parent' then coalesce(who.parent_name, '') else who.full_name end as full_name,
       (case when s.party = 'parent' then who.parent_email else who.email end)::text as email,
       (case when s.party = 'parent' then who.parent_phone else who.phone end)::text as phone
  from public.sequence_enrollments e
  join public.sequence_steps s on s.sequence_id = e.sequence_id and s.position = e.next_position
 cross join lateral (
   select l.id as lead_id, null::uuid as profile_id, l.course_id, l.full_name, l.email, l.phone,
          l.parent_name, l.parent_email, l.parent_phone
     from public.leads l where l.id = e.lead_id
   union all
   select was.id, p.id, coalesce(enrolled.course_id, was.course_id), p.full_name, p.email, p.phone,
          p.parent_name, p.parent_email, p.parent_phone
     from public.profiles p
     left join public.leads was on was.converted_profile_id = p.id
     left join lateral (
       select b.course_id from public.enrollments en join public.batches b on b.id = en.batch_id
        where en.student_id = p.id and en.status <> 'cancelled'
        order by en.enrolled_at desc limit 1
     ) enrolled on true
    where p.id = e.profile_id
 ) who
 where e.status = 'active' and e.next_due_at <= now()
 order by e.next_due_at
 limit %s
   for update of e skip locked
"""
ADVANCE = """
with next as (
  select st.position, st.delay from public.sequence_steps st
   where st.sequence_id = %(sequence_id)s and st.position > %(next_position)s
   order by st.position limit 1
)
update public.sequence_enrollments e
   set next_position = (select position from next),
       next_due_at = e.started_at + (select delay from next),
       status = coalesce((select 'active'::public.sequence_run_status from next), 'completed'),
       finished_at = case when exists (select from next) then null else now() end
 where e.id = %(id)s
"""
SKIPPED = """
update public.sequence_enrollments set last_error = %s, last_error_at = now() where id = %s
"""
EXPIRE = """
update public.sequence_enrollments
   set status = 'stopped', stop_reason = 'expired', next_position = null, next_due_at = null,
       finished_at = now()
 where id = %s
"""


@dataclass(frozen=True)
class TickResult:
    steps_queued: int
    runs_advanced: int
    runs_expired: int
    steps_skipped: int = 0


def enqueue_due_steps(pool: ConnectionPool, files_url: str, batch: int = BATCH) -> TickResult:
    """One pass over due runs, claimed FOR UPDATE SKIP LOCKED so instances share the work, never a run.

    A run follows a lead or a student's profile (decision 0670). A step's outbox key is its run and
    position, so a repeated pass queues it once. A run whose person has no course with an upcoming batch
    is stopped as expired: there is nothing left to follow up on. A step that cannot be queued (unknown
    template, no address for its channel) is skipped with its reason on the run, and the other runs and
    steps go on. A step is queued with its facts, so that it quotes the offer as it is when it goes (0699).
    """
    queued = advanced = expired = skipped = 0
    with pool.connection() as conn, conn.transaction():
        for run in conn.cursor(row_factory=dict_row).execute(DUE, (batch,)).fetchall():
            offer = offer_facts(conn, run["course_id"]) if run["course_id"] else None
            if offer is None:
                conn.execute(EXPIRE, (run["id"],))
                expired += 1
                continue
            key = f"sequence:{run['id']}:{run['next_position']}"
            outcome = _enqueue_step(conn, run, step_facts(run, key, offer, files_url))
            queued, skipped = queued + (outcome is True), skipped + isinstance(outcome, str)
            conn.execute(ADVANCE, run)
            advanced += 1
    return TickResult(queued, advanced, expired, skipped)


def _enqueue_step(conn: psycopg.Connection, run: dict[str, Any], facts: dict[str, Any]) -> bool | str:
    """Queue the step rendered from `facts`, which go with it: True when newly queued, False when already
    queued, else the reason it was skipped.

    A step addressed to the parent goes to the lead's or the student's parent. A person (or parent) without
    the step's address, or a template that does not exist (or needs values a follow-up does not have),
    skips just this step, recorded on the run.
    """
    try:
        message = {
            "channel": run["channel"], "template": run["template"], "recipient": _addressee(run),
            "party": run["party"], "context": step_context(facts), "dedupe_key": facts["key"],
            "cause": Cause("sequence_enrollments", run["id"]), "render_facts": facts,
        }  # fmt: skip
        with conn.transaction():
            return enqueue_message(conn, **message).created
    except (ValueError, TemplateError) as error:
        reason = f"Step {run['next_position']} ({run['channel']}, template {run['template']!r}) skipped: "
        reason += _explained(error)
    log.info("sequence step skipped", extra={"run": run["id"], "reason": reason})
    conn.execute(SKIPPED, (reason[:1000], run["id"]))
    return reason


def _addressee(run: dict[str, Any]) -> Recipient:
    """The person or parent the step's party names, on the person's thread (a student's recipient also names
    the lead they converted from); ValueError when the parent has no address on the step's channel."""
    kind = "email" if run["channel"] == "email" else "phone"
    if run["party"] == "parent" and not run[kind]:
        person, where = ("student", "student's profile") if run["profile_id"] else ("lead", "lead")
        raise ValueError(
            f"the step is for the parent and the {person} has no parent_{kind}; add the parent's {kind} to"
            f" the {where}, or address the step to the student."
        )
    row = {"id": run["profile_id"] or run["lead_id"], **{k: run[k] for k in ("full_name", "email", "phone")}}
    _, recipient = contact_from_row(row)
    return replace(recipient, lead_id=run["lead_id"], profile_id=run["profile_id"])


def _explained(error: Exception) -> str:
    if isinstance(error, TemplateNotFound):
        return "no message template has this name; pick one from automation/templates/messages/."
    return str(error)
