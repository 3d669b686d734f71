"""The lead form's validation: normalized contacts, named fields, a reachable contact."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from automation.contacts import ContactError, normalize_email, normalize_phone
from automation.workflows.lead_intake import LeadForm


def _errors(**fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        LeadForm.model_validate({"name": "Asha", **fields})
    return {".".join(map(str, e["loc"])): e["type"] for e in raised.value.errors()}


def test_contacts_are_normalized():
    form = LeadForm.model_validate({"name": " Asha ", "email": " Asha@Example.COM", "phone": "098765 43210"})
    assert (form.name, form.email, form.phone) == ("Asha", "asha@example.com", "+919876543210")


def test_foreign_numbers_keep_their_country():
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"


@pytest.mark.parametrize("value", ["12345", "not a phone", "+91 12"])
def test_bad_phones_are_refused(value):
    with pytest.raises(ContactError):
        normalize_phone(value)


def test_bad_email_names_the_field():
    assert _errors(email="asha@", phone="9876543210") == {"email": "invalid_email"}


def test_a_contact_needs_an_email_or_a_phone():
    assert _errors(email="", phone=" ") == {"": "missing_contact"}


def test_oversized_fields_are_refused():
    assert _errors(email="a@example.com", utm={"source": "x" * 201}) == {"utm.source": "string_too_long"}


def test_email_without_a_domain_dot_is_refused():
    with pytest.raises(ContactError):
        normalize_email("asha@localhost")
