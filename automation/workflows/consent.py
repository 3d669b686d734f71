"""Recording that a contact (or their parent) refused a channel; the outbox skips them from then on."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row

OPT_OUT_LEAD = """
insert into public.consents (lead_id, party, channel, state, source, note)
values (%(lead_id)s, %(party)s, %(channel)s, 'opted_out', %(source)s, %(note)s)
on conflict (lead_id, party, channel) where lead_id is not null
do update set state = 'opted_out', source = excluded.source, note = excluded.note
returning id::text, (xmax = 0) as inserted,
          (select c.state::text from public.consents c where c.id = consents.id) as was
"""
OPT_OUT_PROFILE = OPT_OUT_LEAD.replace("lead_id", "profile_id")


@dataclass(frozen=True)
class Party:
    """A contact as the consents table names one: a lead or a student profile, and self or parent."""

    lead_id: str | None
    profile_id: str | None
    party: str = "self"


@dataclass(frozen=True)
class OptOut:
    consent_id: str
    changed: bool  # False when they had already opted out of the channel


def record_opt_out(
    conn: psycopg.Connection, who: Party, channel: str, source: str, note: str | None = None
) -> OptOut:
    """Opt `who` out of `channel` (on the student's profile when there is one, else on the lead)."""
    sql = OPT_OUT_PROFILE if who.profile_id else OPT_OUT_LEAD
    params = {"lead_id": who.lead_id, "profile_id": who.profile_id, "party": who.party,
              "channel": channel, "source": source, "note": note}  # fmt: skip
    row = conn.cursor(row_factory=dict_row).execute(sql, params).fetchone()
    return OptOut(row["id"], row["inserted"] or row["was"] != "opted_out")
