"""Recognises a reply that asks us to stop, or to start again, in English, Hindi and Hinglish, however it
is typed; the center's own opt-out words count as well as the built-in ones (decision 0663)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum

# Whole-message phrases (after normalising). A longer message that merely contains "stop" is not an
# opt-out: "don't stop the classes" must not unsubscribe anyone.
STOP_PHRASES = frozenset(
    {
        # English
        "stop",
        "stop all",
        "stopall",
        "unsubscribe",
        "unsub",
        "opt out",
        "optout",
        "cancel",
        "end",
        "quit",
        "remove me",
        "stop messages",
        "stop messaging me",
        "do not message me",
        "dont message me",
        "no more messages",
        "stop sending",
        "stop calling",
        "dont call",
        "do not call",
        # Hindi
        "बंद",
        "बंद करो",
        "बंद करें",
        "बंद कीजिए",
        "बंद कर दो",
        "बन्द",
        "बन्द करो",
        "बन्द करें",
        "रोको",
        "रोक दो",
        "मत भेजो",
        "मैसेज मत भेजो",
        "संदेश बंद करो",
        "संदेश मत भेजो",
        "कॉल मत करो",
        "मुझे मैसेज मत भेजो",
        # Hinglish
        "band",
        "band karo",
        "band kro",
        "band kar do",
        "band kardo",
        "bandh karo",
        "bandh",
        "mat bhejo",
        "msg mat bhejo",
        "message mat bhejo",
        "messages mat bhejo",
        "msg band karo",
        "message band karo",
        "call mat karo",
        "rok do",
        "roko",
        "mujhe message mat bhejo",
    }
)
# Whole-message phrases that lift an earlier opt-out on the channel they arrive on. Not "yes" or "resume":
# those answer our messages ("Reply YES and we will hold a seat") or mean something else.
START_PHRASES = frozenset(
    {
        # English
        "start",
        "start again",
        "restart",
        "unstop",
        "subscribe",
        "resubscribe",
        "opt in",
        "optin",
        # Hindi
        "शुरू",
        "शुरू करो",
        "शुरू करें",
        "शुरू कर दो",
        "फिर से शुरू करो",
        "चालू",
        "चालू करो",
        "चालू करें",
        "चालू कर दो",
        # Hinglish
        "shuru",
        "shuru karo",
        "shuru kro",
        "shuru kar do",
        "shuru kardo",
        "phir se shuru karo",
        "chalu",
        "chalu karo",
        "chalu kar do",
        "chaalu karo",
    }
)
# Politeness around the request does not change it ("please stop", "band karo ji").
FILLERS = frozenset(
    {"please", "pls", "plz", "kindly", "now", "sir", "madam", "ji", "bhai", "abhi", "कृपया", "प्लीज़", "जी"}
)
KEEP_CATEGORIES = ("L", "N", "M")  # letters, digits, and Devanagari vowel signs and anusvara (marks)


def normalise(text: str) -> str:
    """Case-folded NFC text with punctuation and symbols (emoji too) dropped and spaces collapsed."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("'", "").replace("’", "")
    kept = "".join(ch if unicodedata.category(ch)[0] in KEEP_CATEGORIES else " " for ch in folded)
    return " ".join(kept.split())


class Request(StrEnum):
    STOP = "stop"
    START = "start"


def phrase(text: str) -> str:
    """The normalised message without politeness: what is compared with the phrases."""
    return " ".join(word for word in normalise(text).split() if word not in FILLERS)


def requested(texts: Iterable[str | None], stop_words: Iterable[str] = ()) -> Request | None:
    """STOP when one of `texts` (a message, an email's subject) is, as a whole, a built-in stop phrase or
    one of `stop_words`; else START when one is a start phrase; else None. Stop wins over start."""
    said = {phrase(text) for text in texts if text} - {""}
    if said & STOP_PHRASES or said & {phrase(word) for word in stop_words}:
        return Request.STOP
    return Request.START if said & START_PHRASES else None
