"""The fast paths agree with email-validator and phonenumbers on every value they answer for."""

from __future__ import annotations

import random

import pytest

from automation.contacts import ContactError, clean_email, clean_phone, normalize_email, normalize_phone
from automation.fast_contacts import fast_email, fast_indian_mobile

LOCAL_PIECES = ["a", "Zq", "0", "_", "+", "-", ".", "..", "!", "#", "'", "é", '"', " ", "ab.cd", "x" * 30]
LABELS = ["a", "b1", "-x", "x-", "xn--abc", "ab--cd", "a" * 63, "a" * 64, "EXAMPLE", "123", "ü", "mail", ""]
TLDS = ["com", "in", "co", "test", "local", "onion", "arpa", "localhost", "invalid", "c", "COM", "x" * 24,
        "x" * 25, "123", "c0m", "example", "ORG"]  # fmt: skip
PREFIXES = ["", "", "+91", "+91 ", "+91-", "0", "91", "+92", "00", "+1", "0 ", "+91  "]


def _email(rng: random.Random) -> str:
    """Half the time from the plain pieces only (the common case), else from every piece."""
    plain = rng.random() < 0.5
    local_pieces, label_pieces = (LOCAL_PIECES[:7], LABELS[:3]) if plain else (LOCAL_PIECES, LABELS)
    local = "".join(rng.choice(local_pieces) for _ in range(rng.randint(1, 4)))
    labels = [rng.choice(label_pieces) for _ in range(rng.randint(1, 3))]
    return f"{local}@{'.'.join([*labels, rng.choice(TLDS)])}"


def _phone(rng: random.Random) -> str:
    digits = str(rng.choice([6, 7, 8, 9, 9, 9, 1, 2, 0])) + "".join(
        rng.choice("0123456789") for _ in range(9)
    )
    digits = digits[: rng.choice([10, 10, 10, 9, 11])] if rng.random() < 0.2 else digits
    cut = rng.choice([len(digits), 5, 5, 3, 4])
    separator = rng.choice(["", " ", "-", "  ", ".", "/"])
    return rng.choice(PREFIXES) + digits[:cut] + separator + digits[cut:]


def _full(normalize, value: str) -> str | None:
    try:
        return normalize(value)
    except ContactError:
        return None


@pytest.mark.parametrize(
    ("fast", "full", "make"),
    [(fast_email, normalize_email, _email), (fast_indian_mobile, normalize_phone, _phone)],
    ids=["email", "phone"],
)
def test_the_fast_path_answers_exactly_as_the_validator_does(fast, full, make):
    rng = random.Random(20261122)  # noqa: S311 - a reproducible corpus, not a secret
    answered = 0
    for value in {make(rng) for _ in range(30_000)}:
        quick = fast(value)
        if quick is not None:
            answered += 1
            assert quick == _full(full, value), value
    assert answered > 2_000  # the corpus really exercises the fast path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Asha.Rao+leads@Example.COM", "asha.rao+leads@example.com"),
        ("asha@mail.test", None),  # a reserved name: the full validator decides (and refuses)
        ("asha@xn--bcher-kva.example", None),  # Punycode: the full validator decides
        ('"quoted"@example.com', None),
    ],
)
def test_plain_addresses_take_the_fast_path_and_the_rest_do_not(value, expected):
    assert fast_email(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("98765 43210", "+919876543210"),
        ("+91-9876543210", "+919876543210"),
        ("09876543210", "+919876543210"),
        ("080 2345 6789", None),  # a landline: the full validator decides
        ("+1 415 555 0100", None),
    ],
)
def test_common_indian_mobiles_take_the_fast_path(value, expected):
    assert fast_indian_mobile(value) == expected


@pytest.mark.parametrize(
    ("clean", "value", "expected"),
    [
        (clean_email, "Asha@Example.com", "asha@example.com"),  # the fast path
        (clean_email, " Asha@Bücher.example ", "asha@bücher.example"),  # the full validator
        (clean_phone, "98765 43210", "+919876543210"),
        (clean_phone, "+1 415 555 0100", "+14155550100"),
    ],
)
def test_clean_contacts_answer_from_either_path(clean, value, expected):
    assert clean(value) == expected


@pytest.mark.parametrize(("clean", "value"), [(clean_email, "asha@mail.test"), (clean_phone, "12345")])
def test_clean_contacts_refuse_what_the_validators_refuse(clean, value):
    with pytest.raises(ContactError):
        clean(value)
