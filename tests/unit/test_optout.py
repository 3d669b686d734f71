"""Opt-out words in English, Hindi and Hinglish, however they are typed; other messages are not opt-outs."""

from __future__ import annotations

import pytest

from automation.messages.optout import is_opt_out, normalise


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
    assert is_opt_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "Don't stop the classes!",
        "What time does the class stop?",
        "Can I cancel my Saturday class and join Sunday?",
        "band baaja baraat was a fun movie",
        "Haan, interested",
        "",
        "🙏",
    ],
)
def test_leaves_other_messages_alone(text):
    assert not is_opt_out(text)


def test_normalising_folds_case_punctuation_and_spaces_but_keeps_devanagari_marks():
    assert normalise("  Band,   KARO!! ") == "band karo"
    assert normalise("बंद करो।") == "बंद करो"
