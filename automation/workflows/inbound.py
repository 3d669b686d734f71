"""A contact wrote to us: the message joins their timeline; a request to stop records an opt-out, and a
request to start again lifts one (decision 0663), for every contact the address is (decision 0679). An
email whose sender is not verified is filed as unverified and changes nothing (decision 0674); from an
address that is nobody's, it makes no lead either (decision 0691)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg.rows import dict_row, scalar_row

from automation.messages import catalog
from automation.messages.optout import Request, requested
from automation.outbox.enqueue import Cause, Recipient, enqueue_outgoing
from automation.webhooks.events import InboundMessage
from automation.workflows.consent import Party, record_opt_in, record_opt_out
from automation.workflows.conversations import conversation_for

# Every contact the address is: a person's own (self) rows first, then those where it is a parent's; within
# each, student profiles before leads, the newest first. The first is the thread the message is filed on.
MATCH_BY_PHONE = """
select * from (
  select 0 as rank, p.id::text as profile_id,
         (select l.id::text from public.leads l where l.converted_profile_id = p.id limit 1) as lead_id,
         case when p.phone = %(sender)s then 'self' else 'parent' end as party,
         case when p.phone = %(sender)s then p.full_name else p.parent_name end as name,
         p.email::text as email, p.phone::text as phone, p.parent_email::text as parent_email,
         p.parent_phone::text as parent_phone, p.created_at
    from public.profiles p where p.phone = %(sender)s or p.parent_phone = %(sender)s
  union all
  select 1, l.converted_profile_id::text, l.id::text,
         case when l.phone = %(sender)s then 'self' else 'parent' end,
         case when l.phone = %(sender)s then l.full_name else l.parent_name end,
         l.email::text, l.phone::text, l.parent_email::text, l.parent_phone::text, l.created_at
    from public.leads l where l.phone = %(sender)s or l.parent_phone = %(sender)s
) found
order by party = 'self' desc, rank, created_at desc
"""
MATCH_BY_EMAIL = MATCH_BY_PHONE.replace("phone = %(sender)s", "email = %(sender)s")
NEW_LEAD = """
insert into public.leads (full_name, phone, email, source) values (%s, %s, %s, %s) returning id::text
"""
INSERT_INBOUND = """
insert into public.crm_messages
       (conversation_id, party, channel, direction, subject, body, status, provider, provider_message_id,
        created_at, claimed_sender)
values (%s, %s, %s, 'inbound', %s, %s, 'received', %s, %s, %s, %s)
on conflict (provider, provider_message_id) where provider_message_id is not null do nothing
"""
UNVERIFIED_THREAD = "select private.unverified_sender_thread(%s)"
STOP_WORDS = "select opt_out_keywords from public.automation_settings limit 1"
CENTER = """
select name, coalesce(website_url, '') as website, coalesce(contact_email::text, '') as email,
       coalesce(contact_phone::text, '') as phone from public.center_settings
"""
# catalog.opt_out_confirmation or catalog.opt_in_confirmation
Confirmation = Callable[[catalog.Contact, catalog.Center, catalog.Channel, str], catalog.Outgoing]


@dataclass(frozen=True)
class Sender:
    """Who wrote: the contact the address belongs to, and whether they are the student or a parent."""

    party: Party
    name: str
    email: str | None
    phone: str | None


def receive(conn: psycopg.Connection, message: InboundMessage) -> Sender | None:
    """File `message` on the sender's timeline (a verified unknown sender becomes a new lead); on a request
    to stop (a built-in phrase or one of the center's opt-out words) or to start again, record the change
    for every contact the address is (a parent of two students, a lead who is also a student's parent) and
    enqueue one confirmation on that channel. A message whose sender is not verified is filed with the
    address it claims, marked unverified, and acted on in no other way: anyone can write any From line.
    From an address no contact has, it goes on that address's own thread and makes no lead (returns None).
    Idempotent per provider event id."""
    claimed = None if message.sender_verified else message.sender
    senders = find_senders(conn, message)
    if not senders and claimed is not None:
        thread = conn.cursor(row_factory=scalar_row).execute(UNVERIFIED_THREAD, (claimed,)).fetchone()
        _file(conn, str(thread), "self", message, claimed)
        return None
    senders = senders or [_new_lead(conn, message)]
    sender = senders[0]
    conversation = conversation_for(conn, sender.party.lead_id, sender.party.profile_id)
    _file(conn, conversation, sender.party.party, message, claimed)
    if claimed is not None:
        return sender
    request = requested((message.text, message.subject), _stop_words(conn))
    if request is Request.STOP:
        _opt_out(conn, senders, message)
    elif request is Request.START:
        _opt_in(conn, senders, message)
    return sender


def find_senders(conn: psycopg.Connection, message: InboundMessage) -> list[Sender]:
    """Each contact the sender's address is, once (a student's profile and the lead it converted from are
    one), the thread to file on first; none for an address nobody has."""
    sql = MATCH_BY_PHONE if message.channel == "whatsapp" else MATCH_BY_EMAIL
    rows = conn.cursor(row_factory=dict_row).execute(sql, {"sender": message.sender}).fetchall()
    senders: dict[Party, Sender] = {}
    for row in rows:
        parent = row["party"] == "parent"
        party = Party(row["lead_id"], row["profile_id"], row["party"])
        senders.setdefault(party, Sender(
            party, row["name"] or message.sender_name,
            row["parent_email"] if parent else row["email"], row["parent_phone"] if parent else row["phone"],
        ))  # fmt: skip
    return list(senders.values())


def _file(
    conn: psycopg.Connection, conversation: str, party: str, message: InboundMessage, claimed: str | None
) -> None:
    """The message on the thread, once per provider event id; `claimed`: the unverified sender's address."""
    conn.execute(
        INSERT_INBOUND,
        (conversation, party, message.channel, message.subject, message.text,
         message.provider, message.event_id, message.received_at, claimed),
    )  # fmt: skip


def _new_lead(conn: psycopg.Connection, message: InboundMessage) -> Sender:
    """Nobody we know: the sender becomes a lead, so that the message is never dropped."""
    phone = message.sender if message.channel == "whatsapp" else None
    email = message.sender if message.channel == "email" else None
    source = "whatsapp" if phone else "manual"
    cursor = conn.cursor(row_factory=dict_row)
    lead = cursor.execute(NEW_LEAD, (message.sender_name[:200], phone, email, source)).fetchone()["id"]
    return Sender(Party(lead, None), message.sender_name, email, phone)


def _stop_words(conn: psycopg.Connection) -> list[str]:
    """The admin's opt-out words (the settings' single row), read once per message."""
    return conn.cursor(row_factory=dict_row).execute(STOP_WORDS).fetchone()["opt_out_keywords"]


def _opt_out(conn: psycopg.Connection, senders: list[Sender], message: InboundMessage) -> None:
    """Each contact refuses the channel; one confirmation, to the thread's contact, when any had not yet."""
    note = message.text[:200]
    changes = [record_opt_out(conn, s.party, message.channel, "inbound_keyword", note) for s in senders]
    consent_id = next((change.consent_id for change in changes if change.changed), None)
    if consent_id:
        _confirm(conn, senders[0], message, catalog.opt_out_confirmation, consent_id, opting_out=True)


def _opt_in(conn: psycopg.Connection, senders: list[Sender], message: InboundMessage) -> None:
    """Only a contact who opted out of the channel is opted back in; anyone else's START changes nothing.
    One confirmation, to the thread's contact, when any was lifted."""
    note = message.text[:200]
    lifted = [record_opt_in(conn, s.party, message.channel, "inbound_keyword", note) for s in senders]
    consent_id = next((consent for consent in lifted if consent), None)
    if consent_id:
        _confirm(conn, senders[0], message, catalog.opt_in_confirmation, consent_id)


def _confirm(
    conn: psycopg.Connection,
    sender: Sender,
    message: InboundMessage,
    build: Confirmation,
    consent_id: str,
    *,
    opting_out: bool = False,
) -> None:
    """Enqueue the one confirmation of a consent change, on the channel it was asked on (an opt-out's is
    the only message sent despite it)."""
    center = conn.cursor(row_factory=dict_row).execute(CENTER).fetchone()
    first_name = catalog.first_name_of(sender.name)
    contact_id = sender.party.profile_id or sender.party.lead_id
    contact = catalog.Contact(contact_id, first_name, sender.email, sender.phone)
    outgoing = build(
        contact, catalog.Center(center["name"], center["website"], center["email"], center["phone"]),
        catalog.Channel(message.channel), f"{consent_id}:{message.event_id}",
    )  # fmt: skip
    recipient = Recipient(
        sender.name, sender.party.lead_id, sender.party.profile_id, sender.email, sender.phone
    )
    enqueue_outgoing(conn, outgoing, recipient, cause=Cause("consents", consent_id), party=sender.party.party,
                     confirms_opt_out=opting_out)  # fmt: skip
