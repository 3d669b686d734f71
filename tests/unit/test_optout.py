"""Requests to stop or start again in English, Hindi and Hinglish, however they are typed, the center's own
opt-out words included; other messages are neither."""

from __future__ import annotations

import pytest

from automation.messages.optout import Request, normalise, requested

DEFAULT_WORDS = ["STOP", "UNSUBSCRIBE", "बंद", "band karo", "band kar do", "stop karo"]


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "  Stop.  ",
        "STOP!!!",
        "Unsubscribe",
        "stop all",
        "Please stop",
        "pls STOP 🙏",
        "opt-out",
        "बंद",
        "बंद करो",
        "बन्द करें",
        "कृपया बंद करो",
        "मैसेज मत भेजो",
        "band karo",
        "Band Karo ji",
        "BANDH KARO!",
        "msg mat bhejo",
        "band\nkaro",
    ],
)
def test_recognises_a_request_to_stop(text):
    assert requested([text]) is Request.STOP


@pytest.mark.parametrize(
    "text",
    [
        "Don't stop the classes!",
        "What time does the class stop?",
        "Can I cancel my Saturday class and join Sunday?",
        "band baaja baraat was a fun movie",
        "Haan, interested",
        "When does the batch start?",
        "Yes",
        "",
        "🙏",
    ],
)
def test_leaves_other_messages_alone(text):
    assert requested([text], DEFAULT_WORDS) is None


@pytest.mark.parametrize("text", ["Stop karo", "STOP KARO!!", "stop  karo ji", "Stop\nkaro 🙏"])
def test_the_default_setting_adds_stop_karo(text):
    assert requested([text]) is None  # not a built-in phrase
    assert requested([text], DEFAULT_WORDS) is Request.STOP


def test_a_configured_word_is_normalised_like_the_message_and_must_be_the_whole_message():
    words = ["  Nahi Chahiye! ", "रुको"]
    assert requested(["nahi chahiye"], words) is Request.STOP
    assert requested(["रुको।"], words) is Request.STOP
    assert requested(["nahi chahiye abhi, next month call karo"], words) is None


def test_a_configured_word_of_only_punctuation_matches_nothing():
    assert requested(["!!!"], ["!!!", "🛑"]) is None
    assert requested(["🛑"], ["🛑"]) is None


@pytest.mark.parametrize(
    "text",
    ["START", "start", "Start again", "Please start", "UNSTOP", "subscribe", "opt-in", "शुरू", "शुरू करो",
     "चालू करो", "Shuru karo ji", "chalu kar do"],
)  # fmt: skip
def test_recognises_a_request_to_start_again(text):
    assert requested([text], DEFAULT_WORDS) is Request.START


def test_an_emails_subject_counts_and_stop_wins_over_start():
    assert requested(["", "Unsubscribe"]) is Request.STOP
    assert requested(["Start", None]) is Request.START
    assert requested(["Start", "Stop"]) is Request.STOP


def test_normalising_folds_case_punctuation_and_spaces_but_keeps_devanagari_marks():
    assert normalise("  Band,   KARO!! ") == "band karo"
    assert normalise("बंद करो।") == "बंद करो"
    assert normalise("शुरू!") == "शुरू"
