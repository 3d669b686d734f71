"""The new part of an email reply: what the contact wrote above the quoted earlier message."""

from __future__ import annotations

import re

# "On Mon, 5 Jan 2026 at 10:00, Coachbase <hello@...> wrote:" and the Outlook separator.
QUOTE_HEADER = re.compile(r"^\s*(On\b.*\bwrote:|-{2,}\s*Original Message\s*-{2,}|From:\s)", re.IGNORECASE)


def latest_reply(text: str) -> str:
    """The lines before the first quoted line ("> ...") or quote header, trimmed."""
    kept = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(">") or QUOTE_HEADER.match(line):
            break
        kept.append(line)
    return "\n".join(kept).strip()
