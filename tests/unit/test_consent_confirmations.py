"""The confirmations of an opt-out and of an opt-in: on the channel concerned, naming it, and never pointing
at a support address the center has not set."""

from __future__ import annotations

import dataclasses

from automation.messages import catalog
from automation.messages.catalog import Channel, Contact

ASHA = Contact("lead-1", "Asha", "asha@example.com", "+919812345678")
CENTER = catalog.Center("Coachbase Academy", "https://coachbase.test", "hello@coachbase.test", "")
NO_EMAIL = dataclasses.replace(CENTER, support_email="")


def test_the_opt_out_subject_names_the_channel_left():
    email = catalog.opt_out_confirmation(ASHA, CENTER, Channel.EMAIL, "consent-9").content
    assert email.subject == "We have stopped sending you emails"
    assert "reply START or write to hello@coachbase.test." in email.text
    assert "write to hello@coachbase.test." in email.html


def test_without_a_support_email_the_opt_out_only_says_reply_start():
    email = catalog.opt_out_confirmation(ASHA, NO_EMAIL, Channel.EMAIL, "consent-9").content
    assert "If that was a mistake, just reply START." in email.text
    assert "If that was a mistake, just reply START.</p>" in email.html
    assert "write to" not in email.text + email.html


def test_the_opt_in_confirmation_goes_on_the_channel_taken_back():
    whatsapp = catalog.opt_in_confirmation(ASHA, CENTER, Channel.WHATSAPP, "consent-9")
    assert (whatsapp.channel, whatsapp.content.campaign) == (Channel.WHATSAPP, "opt_in_confirmation")
    assert whatsapp.content.params == ("Asha", "Coachbase Academy")
    assert whatsapp.content.text.startswith("Hi Asha, you will receive WhatsApp messages from Coachbase")
    email = catalog.opt_in_confirmation(ASHA, NO_EMAIL, Channel.EMAIL, "consent-9")
    assert email.content.subject == "We will send you emails again"
    assert "we will send you emails again" in email.content.text
    out = catalog.opt_out_confirmation(ASHA, CENTER, Channel.EMAIL, "consent-9")
    assert email.dedupe_key != out.dedupe_key
