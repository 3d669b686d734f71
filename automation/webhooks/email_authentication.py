"""Whether an inbound email's From address is vouched for by its domain: SendGrid's DKIM and SPF verdicts
(decision 0674). Anyone can write any From line; only a passing signature or sending server of that
domain makes the address more than a claim."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

# SendGrid's `dkim` field lists each signature's domain and result: "{@example.com : pass, @esp.net : fail}".
DKIM_RESULT = re.compile(r"@([^\s:,{}@]+)\s*:\s*([A-Za-z]+)")


def sender_authenticated(form: Mapping[str, str], address: str) -> bool:
    """True when a DKIM signature of the From address's domain passed or, failing that, SPF passed for an
    envelope sender of that domain (SPF vouches only for the envelope sender, which anyone may set apart
    from the From line). "Of that domain" is relaxed alignment: the same domain or one under the other."""
    domain = address.rpartition("@")[2].lower()
    return bool(domain) and (_dkim_passes(form.get("dkim", ""), domain) or _spf_passes(form, domain))


def _dkim_passes(field: str, domain: str) -> bool:
    return any(
        result.lower() == "pass" and _aligned(signer, domain) for signer, result in DKIM_RESULT.findall(field)
    )


def _spf_passes(form: Mapping[str, str], domain: str) -> bool:
    if form.get("SPF", "").strip().lower() != "pass":
        return False
    return _aligned(_envelope_sender(form.get("envelope", "")).rpartition("@")[2], domain)


def _envelope_sender(envelope: str) -> str:
    """The SMTP MAIL FROM that SendGrid reports in `envelope` ({"to": [...], "from": "..."}); "" if none."""
    try:
        sender = json.loads(envelope).get("from") if envelope else None
    except (json.JSONDecodeError, AttributeError):
        return ""
    return sender if isinstance(sender, str) else ""


def _aligned(authenticated: str, claimed: str) -> bool:
    """The authenticated domain speaks for the claimed one: equal, or one a subdomain of the other (DMARC's
    relaxed alignment, without a public-suffix list: nobody signs as or sends from a bare suffix)."""
    a, c = authenticated.strip().strip(".").lower(), claimed.strip().strip(".").lower()
    if not a or not c or "." not in a or "." not in c:
        return False
    return a == c or a.endswith("." + c) or c.endswith("." + a)
