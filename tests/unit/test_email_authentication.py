"""An inbound email's From address is its sender only when its domain vouched for it (decision 0674)."""

from __future__ import annotations

import json

import pytest

from automation.webhooks.email_authentication import sender_authenticated

ASHA = "asha@example.com"


def envelope(sender: str) -> str:
    return json.dumps({"to": ["reply@coachbase.test"], "from": sender})


@pytest.mark.parametrize(
    "form",
    [
        {"dkim": "{@example.com : pass}", "SPF": "fail"},  # forwarded: the forwarder's server, her signature
        {"dkim": "{@Example.COM : pass}"},
        {"dkim": "{@esp.example.net : pass, @example.com : pass}"},  # several signatures, hers among them
        {"dkim": "{@mail.example.com : pass}"},  # a subdomain of hers signed
        {"SPF": "pass", "envelope": envelope(ASHA)},
        {"SPF": "Pass", "envelope": envelope("bounce@em42.example.com")},  # her own return-path subdomain
        {"dkim": "{@example.com : fail}", "SPF": "pass", "envelope": envelope("asha@example.com")},
    ],
)
def test_a_signature_or_aligned_spf_of_her_domain_verifies_her(form):
    assert sender_authenticated(form, ASHA)


@pytest.mark.parametrize(
    "form",
    [
        {"SPF": "fail", "dkim": "none", "envelope": envelope(ASHA)},  # the audit's forged START
        {},
        {"dkim": "{@example.com : fail}"},
        {"dkim": "{@example.com : neutral}", "SPF": "softfail", "envelope": envelope(ASHA)},
        {"dkim": "{@attacker.example : pass}"},  # a valid signature, of someone else's domain
        {"dkim": "{@notexample.com : pass}"},  # a suffix of the text is not a subdomain
        {"SPF": "pass", "envelope": envelope("x@attacker.example")},  # SPF vouches for the envelope only
        {"SPF": "pass"},  # no envelope sender to align with
        {"SPF": "pass", "envelope": "not json"},
        {"SPF": "pass", "envelope": "[]"},
        {"SPF": "pass", "envelope": envelope("<>")},  # a bounce: SPF checked the HELO name
        {"dkim": "{@com : pass}"},  # a bare top-level domain speaks for nobody
    ],
)
def test_without_a_passing_signature_or_aligned_spf_the_address_is_only_a_claim(form):
    assert not sender_authenticated(form, ASHA)
