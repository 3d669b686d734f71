"""A STOP or START over real HTTP from a number that is more than one contact: each of them refuses (or takes
the refusal back), the message is filed on the person's own thread, and one confirmation goes (0679)."""

from __future__ import annotations

from tests.integration.webhooks.test_inbound_consent import INBOUND_COUNT, campaigns
from tests.support.users import add_user

PARENT = "+919811111111"
SIBLING = """
insert into public.leads (full_name, phone, parent_name, parent_phone, source)
values (%s, %s, 'Meena Rao', %s, 'manual') returning id::text
"""
OWN_LEAD = """
insert into public.leads (full_name, phone, source) values ('Meena', %s, 'manual') returning id::text
"""
OPTED_OUT = "select private.opted_out(%s::uuid, %s::uuid, %s::public.contact_party, 'whatsapp')"
FILED_ON = """
select c.lead_id::text, m.party::text from public.crm_messages m
  join public.conversations c on c.id = m.conversation_id
 where m.direction = 'inbound'
"""


def whatsapp_from_parent(stack, text: str, received: int) -> None:
    stack.sandbox("/aisensy/_sandbox/inbound", {"phone": PARENT, "name": "Meena", "text": text})
    stack.wait_for(INBOUND_COUNT, received)


def opted_out(stack, lead: str | None, profile: str | None, party: str) -> bool:
    return stack.value(OPTED_OUT, lead, profile, party)


def test_a_parent_of_two_siblings_stops_and_starts_for_both_with_one_confirmation_each(stack):
    siblings = (("Asha Rao", "+919822222222"), ("Ravi Rao", "+919833333333"))
    children = [stack.value(SIBLING, name, phone, PARENT) for name, phone in siblings]
    whatsapp_from_parent(stack, "STOP", 1)
    assert [opted_out(stack, child, None, "parent") for child in children] == [True, True]
    assert [opted_out(stack, child, None, "self") for child in children] == [False, False]
    assert stack.worker.run_once() == 1
    (confirmation,) = campaigns(stack, "opt_out_confirmation")
    assert confirmation["payload"]["destination"] == PARENT
    whatsapp_from_parent(stack, "START", 2)
    assert [opted_out(stack, child, None, "parent") for child in children] == [False, False]
    assert stack.worker.run_once() == 1
    assert len(campaigns(stack, "opt_in_confirmation")) == 1


def test_a_lead_whose_number_is_a_students_parent_phone_stops_as_themself_and_as_the_parent(stack):
    own = stack.value(OWN_LEAD, PARENT)
    student = add_user(stack.db, "student")
    stack.db.execute("update public.profiles set parent_phone = %s where id = %s", (PARENT, student))
    whatsapp_from_parent(stack, "Stop karo", 1)
    assert stack.db.execute(FILED_ON).fetchall() == [(own, "self")]
    assert opted_out(stack, own, None, "self")
    assert opted_out(stack, None, student, "parent")
    assert not opted_out(stack, None, student, "self")
    assert stack.worker.run_once() == 1
    (confirmation,) = campaigns(stack, "opt_out_confirmation")
    assert confirmation["payload"]["templateParams"][0] == "Meena"
