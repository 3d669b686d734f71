"""Every message renders from its templates with its context, once per dedupe key."""

from __future__ import annotations

import re
from datetime import date

import pytest
from jinja2 import UndefinedError

from automation.messages import catalog, formatting
from automation.messages.catalog import Channel, Contact, Course, Reply
from automation.messages.templates import (
    CallBrief,
    EmailContent,
    WhatsAppContent,
    environment,
    render,
    render_call,
    render_email,
)
from devstack.sandbox.aisensy.campaigns import load_campaigns

ASHA = Contact("lead-1", "Asha", "asha@example.com", "+919812345678")
COURSE = Course(
    id="yel-jan",
    name="Young Entrepreneurs <Lab>",
    starts_on=date(2026, 1, 5),
    schedule="Saturdays, 10 am to 1 pm",
    fee_minor=12_500_00,
    syllabus_url="https://coachbase.test/syllabus?course=yel&from=email",
    brochure_url="https://coachbase.test/brochure.pdf",
)
CENTER = catalog.Center(
    "Coachbase Academy", "https://coachbase.test", "hello@coachbase.test", "+91 98000 00000"
)


def by_channel(messages: list[catalog.Outgoing]) -> dict[Channel, catalog.Outgoing]:
    return {m.channel: m for m in messages}


def test_welcome_sends_email_whatsapp_and_a_call_brief():
    messages = by_channel(catalog.welcome(ASHA, COURSE, CENTER))
    email, whatsapp, call = (messages[c].content for c in (Channel.EMAIL, Channel.WHATSAPP, Channel.CALL))
    assert isinstance(email, EmailContent)
    assert email.subject == "Asha, your Young Entrepreneurs <Lab> syllabus is here"
    assert 'href="https://coachbase.test/syllabus?course=yel&amp;from=email"' in email.html
    assert "Young Entrepreneurs &lt;Lab&gt;" in email.html  # HTML is escaped...
    assert "Young Entrepreneurs <Lab>" in email.text  # ...text is not
    assert "₹12,500" in email.text
    assert isinstance(whatsapp, WhatsAppContent)
    assert whatsapp.campaign == "welcome"
    assert whatsapp.params[:2] == ("Asha", "Young Entrepreneurs <Lab>")
    assert whatsapp.media.url == COURSE.brochure_url
    assert isinstance(call, CallBrief)
    assert call.user_data["first_name"] == "Asha"
    assert "5 January 2026" in call.user_data["brief"]


def test_a_course_without_a_syllabus_link_offers_to_send_it_and_never_shows_an_empty_link():
    messages = by_channel(catalog.welcome(ASHA, Course(**{**COURSE.__dict__, "syllabus_url": ""}), CENTER))
    email, whatsapp, call = (messages[c].content for c in (Channel.EMAIL, Channel.WHATSAPP, Channel.CALL))
    assert "syllabus is here" not in email.subject
    assert 'href=""' not in email.html
    assert "we will send you the syllabus" in email.text
    assert all(param.strip() for param in whatsapp.params)  # WhatsApp refuses an empty parameter
    assert "Syllabus: ask us here" in whatsapp.text
    assert "the syllabus is at" not in call.user_data["brief"]


def test_a_contact_without_a_phone_gets_only_the_email():
    messages = catalog.welcome(Contact("lead-2", "Ravi", email="ravi@example.com"), COURSE, CENTER)
    assert [m.channel for m in messages] == [Channel.EMAIL]


def test_the_welcome_promises_a_call_and_whatsapp_only_when_they_go():
    everything = by_channel(catalog.welcome(ASHA, COURSE, CENTER, {"email", "whatsapp", "call"}))
    assert "will call you shortly" in everything[Channel.EMAIL].content.text
    assert "will call you shortly" in everything[Channel.EMAIL].content.html
    assert "also on WhatsApp" in everything[Channel.CALL].content.user_data["brief"]
    email_only = catalog.welcome(ASHA, COURSE, CENTER, {Channel.EMAIL})
    assert [m.channel for m in email_only] == [Channel.EMAIL]
    assert "call you" not in email_only[0].content.text
    assert "call you" not in email_only[0].content.html
    assert "Simply reply to this email" in email_only[0].content.text
    no_whatsapp = by_channel(catalog.welcome(ASHA, COURSE, CENTER, {"email", "call"}))
    assert "WhatsApp" not in no_whatsapp[Channel.CALL].content.user_data["brief"]


def test_a_welcome_whose_channels_are_not_known_promises_no_other_channel():
    messages = by_channel(catalog.welcome(ASHA, COURSE, CENTER))
    assert "call you" not in messages[Channel.EMAIL].content.text
    assert "also on WhatsApp" not in messages[Channel.CALL].content.user_data["brief"]
    brief = render_call("welcome", catalog.course_context(ASHA, COURSE, CENTER), catalog.CALL_VARIABLES)
    assert "also on WhatsApp" not in brief.user_data["brief"]  # a campaign's or a person's call


def test_the_day_1_follow_up_is_true_whenever_it_is_sent():
    for course in (COURSE, Course(**{**COURSE.__dict__, "syllabus_url": ""})):
        email = render_email("follow_up_day_1", catalog.course_context(ASHA, course, CENTER))
        assert "Yesterday" not in email.text + email.html
        assert "You asked us about Young Entrepreneurs" in email.text


def test_the_student_welcome_names_what_the_student_area_shows():
    context = {
        **catalog.center_context(CENTER), "first_name": "Asha", "batch_name": "Jan weekend",
        "course_name": COURSE.name, "schedule": "Saturdays 10:00 (180 min)", "start_date": "5 January 2026",
        "first_session": "5 Jan 2026, 10:00 am IST", "amount": "₹12,500",
        "sign_in_url": "https://app.test/sign-in",
    }  # fmt: skip
    email = render_email("student_welcome", context)
    assert (
        "Sign in to see your batch, your next class and your payments: https://app.test/sign-in" in email.text
    )
    assert "recordings" not in email.text + email.html


@pytest.mark.parametrize("day", [1, 3, 7])
def test_follow_ups_greet_the_contact_by_email_and_whatsapp(day):
    context = catalog.course_context(ASHA, COURSE, CENTER)
    assert "Asha" in render_email(f"follow_up_day_{day}", context).text
    assert render(f"follow_up_day_{day}", "whatsapp.txt", context).startswith("Hi Asha")


def test_opt_out_confirmation_goes_once_on_the_channel_left():
    message = catalog.opt_out_confirmation(ASHA, CENTER, Channel.WHATSAPP, "consent-9")
    assert message.channel == Channel.WHATSAPP
    assert message.content.params == ("Asha", "Coachbase Academy")
    email = catalog.opt_out_confirmation(ASHA, CENTER, Channel.EMAIL, "consent-9").content
    assert "stopped sending you emails" in email.text
    assert "Reply STOP" not in email.html


def test_a_reply_keeps_its_paragraphs_in_email_and_flattens_them_for_whatsapp():
    reply = Reply("req-1", "Priya", "Yes, there is a weekend batch.\n\nShall I hold a seat?", "Weekend batch")
    email = catalog.reply_to_contact(ASHA, CENTER, Channel.EMAIL, reply).content
    whatsapp = catalog.reply_to_contact(ASHA, CENTER, Channel.WHATSAPP, reply).content
    assert email.subject == "Weekend batch"
    assert email.html.count("<p>") == 4  # greeting, two paragraphs, signature
    assert whatsapp.params[1] == "Yes, there is a weekend batch. Shall I hold a seat?"
    assert "\n" not in whatsapp.text


def test_dedupe_keys_repeat_for_the_same_message_and_differ_otherwise():
    first = [m.dedupe_key for m in catalog.welcome(ASHA, COURSE, CENTER)]
    again = [m.dedupe_key for m in catalog.welcome(ASHA, COURSE, CENTER)]
    other_course = [
        m.dedupe_key for m in catalog.welcome(ASHA, Course(**{**COURSE.__dict__, "id": "x"}), CENTER)
    ]
    assert first == again
    assert len(set(first)) == 3
    assert not set(first) & set(other_course)


def test_a_missing_context_value_is_an_error_not_a_blank():
    with pytest.raises(UndefinedError):
        render_email("welcome", {"first_name": "Asha"})


def test_every_whatsapp_template_matches_the_approved_campaign_of_its_name():
    campaigns = load_campaigns()
    for name, params in catalog.WHATSAPP_PARAMS.items():
        values = [f"value-{i}" for i in range(len(params))]
        ours = render(name, "whatsapp.txt", dict(zip(params, values, strict=True)))
        assert campaigns[name].render(values) == ours, name


def test_every_message_has_the_files_of_its_channels():
    found = set(environment.list_templates())
    parts = ("subject.txt", "body.html", "body.txt", "whatsapp.txt")
    wanted = {f"messages/{name}/{part}" for name in catalog.WHATSAPP_PARAMS for part in parts}
    assert wanted - found == set()
    assert "messages/welcome/call.txt" in found


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (12_500_00, "INR", "₹12,500"),
        (1_25_000_00, "INR", "₹1,25,000"),
        (99_950, "INR", "₹999.50"),
        (5000, "USD", "$50"),
    ],
)
def test_money_reads_the_indian_way(minor, currency, shown):
    assert formatting.money(minor, currency) == shown


def test_subjects_are_one_line():
    assert not re.search(
        r"\s{2,}|\n", render_email("welcome", catalog.course_context(ASHA, COURSE, CENTER)).subject
    )


def test_a_rendered_template_is_not_read_again(monkeypatch):
    context = catalog.course_context(ASHA, COURSE, CENTER)
    first = render_email("follow_up_day_1", context)

    def no_file_system(path: str) -> float:
        raise AssertionError(f"looked at {path} again")

    monkeypatch.setattr("os.path.getmtime", no_file_system)
    assert render_email("follow_up_day_1", context) == first
