"""Recognises a reply that asks us to stop, in English, Hindi and Hinglish, however it is typed."""

from __future__ import annotations

import unicodedata

# Whole-message phrases (after normalising). A longer message that merely contains "stop" is not an
# opt-out: "don't stop the classes" must not unsubscribe anyone.
PHRASES = frozenset(
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


def is_opt_out(text: str) -> bool:
    """True when the whole message, politeness aside, is a request to stop."""
    words = [word for word in normalise(text).split() if word not in FILLERS]
    return " ".join(words) in PHRASES
