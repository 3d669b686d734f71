"""Receipts: GST split of an inclusive fee, the rendered HTML, the email beside it, and a PDF that parses."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from automation.messages.templates import render_email
from automation.receipts.gst import gst_breakdown, receipt_gstin, valid_gstin
from automation.receipts.receipt import Issuer, Receipt, local_time, render_receipt_html, render_receipt_pdf
from automation.workflows.payment_receipts import receipt_email_context

GSTIN_CASES = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "gstin_cases.json").read_text())
CENTER = Issuer("Bright Minds Coaching", "12 MG Road\nBengaluru 560001")
GST_CENTER = Issuer("Bright Minds Coaching", "12 MG Road\nBengaluru 560001", gstin="29ABCDE1234F1ZW")
RECEIPT = Receipt(
    number="CB-2025-000123",
    payer_name="Asha Verma",
    course="Spoken English",
    batch="May 2025 (Mon/Wed 6 pm)",
    amount_paise=125000,
    provider="phonepe",
    provider_payment_id="OM2505041234567",
    paid_at=datetime(2025, 5, 4, 3, 3, tzinfo=UTC),
    payer_contact="asha@example.com",
)


@pytest.mark.parametrize(
    ("total", "rate", "taxable", "tax"),
    [(125000, 18, 105932, 19068), (11800, 18, 10000, 1800), (1, 18, 1, 0), (100001, 5, 95239, 4762)],
)
def test_an_inclusive_total_splits_into_taxable_value_and_tax(total, rate, taxable, tax):
    split = gst_breakdown(total, rate)
    assert split.taxable_paise == taxable
    assert split.cgst_paise + split.sgst_paise == tax
    assert split.cgst_paise - split.sgst_paise in (0, 1)


def test_the_parts_add_up_to_the_total_to_the_paisa():
    for total in range(0, 250_001, 37):
        split = gst_breakdown(total, 18)
        assert split.taxable_paise + split.cgst_paise + split.sgst_paise == total
        assert abs(split.cgst_paise + split.sgst_paise - split.taxable_paise * 18 / 100) <= 1


@pytest.mark.parametrize("case", GSTIN_CASES["cases"], ids=[case["why"] for case in GSTIN_CASES["cases"]])
def test_gstins_are_checked_for_shape_state_and_check_character(case):
    assert valid_gstin(case["gstin"]) is case["valid"]
    assert receipt_gstin(case["gstin"]) == (case["gstin"] if case["valid"] else None)


def test_an_issuer_refuses_a_gstin_receipts_would_not_show():
    assert receipt_gstin(None) is None
    with pytest.raises(ValueError, match="GSTIN"):
        Issuer("X", "Y", gstin="29ABCDE1234F1Z5")


def test_paid_time_is_shown_in_the_centers_zone():
    assert local_time(RECEIPT.paid_at, "Asia/Kolkata") == "4 May 2025, 8:33 am IST"
    assert local_time(RECEIPT.paid_at, "Asia/Dubai") == "4 May 2025, 7:03 am +04"


def test_a_receipt_without_gst_shows_the_payment():
    html = render_receipt_html(RECEIPT, CENTER)
    for shown in ("CB-2025-000123", "Asha Verma", "Spoken English", "May 2025 (Mon/Wed 6 pm)", "₹1,250.00"):
        assert shown in html
    assert "PhonePe" in html
    assert "OM2505041234567" in html
    assert "4 May 2025, 8:33 am IST" in html
    assert "GSTIN" not in html
    assert "CGST" not in html


def test_a_gst_registered_center_shows_gstin_and_cgst_sgst_within_the_state():
    html = render_receipt_html(RECEIPT, GST_CENTER)
    assert "GSTIN: <strong>29ABCDE1234F1ZW</strong>" in html
    assert "Tax invoice" in html
    assert "Place of supply: Karnataka (29)" in html
    assert "₹1,059.32" in html
    assert html.count("₹95.34") == 2
    assert "CGST @ 9%" in html
    assert "SGST @ 9%" in html
    assert "IGST" not in html


def test_an_odd_paisa_of_tax_goes_to_cgst_and_a_half_rate_shows_its_decimal():
    html = render_receipt_html(replace(RECEIPT, amount_paise=100001), replace(GST_CENTER, gst_rate_percent=5))
    assert "₹952.39" in html
    assert 'CGST @ 2.5%</td><td class="money">₹23.81' in html
    assert 'SGST @ 2.5%</td><td class="money">₹23.81' in html


def test_receipts_are_in_rupees():
    with pytest.raises(ValueError, match="INR"):
        replace(RECEIPT, currency="USD")


@pytest.mark.parametrize("case", GSTIN_CASES["cases"], ids=[case["why"] for case in GSTIN_CASES["cases"]])
def test_the_email_shows_the_centers_gstin_exactly_when_the_pdf_does(case):
    details = {
        "full_name": "Asha Verma", "center_name": "Bright Minds Coaching", "website_url": None,
        "contact_phone": None, "course_name": "Spoken English", "batch_name": "May 2025",
        "starts_on": date(2025, 5, 5), "weekly_pattern": [], "first_starts_at": None,
        "timezone": "Asia/Kolkata", "center_timezone": "Asia/Kolkata", "gstin": case["gstin"],
    }  # fmt: skip
    payment = {
        "amount_paise": RECEIPT.amount_paise, "currency": "INR", "receipt_number": RECEIPT.number,
        "provider": "phonepe", "provider_payment_id": RECEIPT.provider_payment_id, "paid_at": RECEIPT.paid_at,
    }  # fmt: skip
    email = render_email("payment_receipt", receipt_email_context(details, payment))
    pdf = render_receipt_html(RECEIPT, replace(CENTER, gstin=receipt_gstin(case["gstin"])))
    assert ("GSTIN" in email.text) is ("GSTIN" in email.html) is ("GSTIN" in pdf) is case["valid"]
    if case["valid"]:
        assert case["gstin"] in email.text
        assert case["gstin"] in pdf


def test_names_are_escaped():
    html = render_receipt_html(replace(RECEIPT, payer_name="<b>Asha</b>"), CENTER)
    assert "&lt;b&gt;Asha&lt;/b&gt;" in html


def test_a_naive_paid_time_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        replace(RECEIPT, paid_at=datetime(2025, 5, 4, 3, 3))


def test_the_pdf_parses_and_carries_the_receipt():
    pdf = render_receipt_pdf(RECEIPT, GST_CENTER)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for shown in (
        "CB-2025-000123",
        "Asha Verma",
        "1,250.00",
        "29ABCDE1234F1ZW",
        "Karnataka",
        "OM2505041234567",
        "IST",
    ):
        assert shown in text
