"""Recording that a contact (or their parent) refused a channel, or took the refusal back; the outbox skips
them while they refuse it."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

# Written on one id ({key}: lead_id or profile_id). `already`: whether the person had refused the channel
# before this statement, as the lead or as the student it became (private.opted_out is stable, so it reads
# the statement's starting snapshot): then nothing changed for them and nothing is confirmed again (0667).
OPT_OUT = """
insert into public.consents ({key}, party, channel, state, source, note)
values (%({key})s, %(party)s, %(channel)s, 'opted_out', %(source)s, %(note)s)
on conflict ({key}, party, channel) where {key} is not null
do update set state = 'opted_out', source = excluded.source, note = excluded.note
returning id::text,
          private.opted_out(%(lead_id)s::uuid, %(profile_id)s::uuid, %(party)s::public.contact_party,
                            %(channel)s::public.contact_channel) as already
"""
OPT_OUT_LEAD = OPT_OUT.replace("{key}", "lead_id")
OPT_OUT_PROFILE = OPT_OUT.replace("{key}", "profile_id")
# The outbox refuses on any opt-out of the person (private.opted_out: the lead and the profile it converted
# into), so each of theirs is lifted. A bounce is the address failing, not the contact's choice: it stays.
OPT_IN = """
update public.consents c set state = 'opted_in', source = %(source)s, note = %(note)s
  from private.person(%(lead_id)s::uuid, %(profile_id)s::uuid) p
 where c.channel = %(channel)s and c.party = %(party)s and c.state = 'opted_out'
   and c.source <> 'email_bounce' and (c.lead_id = p.lead_id or c.profile_id = p.profile_id)
returning c.id::text
"""


@dataclass(frozen=True)
class Party:
    """A contact as the consents table names one: a lead or a student profile, and self or parent."""

    lead_id: str | None
    profile_id: str | None
    party: str = "self"


@dataclass(frozen=True)
class OptOut:
    consent_id: str
    changed: bool  # False when the person had already opted out of the channel


def record_opt_out(
    conn: psycopg.Connection, who: Party, channel: str, source: str, note: str | None = None
) -> OptOut:
    """Opt `who` out of `channel`, recorded on the student's profile when there is one, else on the lead;
    either refuses the channel for the whole person (decision 0664). `changed` is False when the person had
    already refused it, under either id (decision 0667)."""
    sql = OPT_OUT_PROFILE if who.profile_id else OPT_OUT_LEAD
    params = {"lead_id": who.lead_id, "profile_id": who.profile_id, "party": who.party,
              "channel": channel, "source": source, "note": note}  # fmt: skip
    row = conn.cursor(row_factory=dict_row).execute(sql, params).fetchone()
    return OptOut(row["id"], not row["already"])


def record_opt_in(
    conn: psycopg.Connection, who: Party, channel: str, source: str, note: str | None = None
) -> str | None:
    """Lift `who`'s opt-out of `channel`; the id of a consent it changed, None when there was none to lift."""
    params = {"lead_id": who.lead_id, "profile_id": who.profile_id, "party": who.party,
              "channel": channel, "source": source, "note": note}  # fmt: skip
    changed = conn.cursor(row_factory=dict_row).execute(OPT_IN, params).fetchall()
    return min((row["id"] for row in changed), default=None)
