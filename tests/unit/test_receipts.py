"""Receipts: GST split of an inclusive fee, the rendered HTML, and a PDF that parses and says the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from automation.receipts.gst import gst_breakdown, valid_gstin
from automation.receipts.receipt import Issuer, Receipt, local_time, render_receipt_html, render_receipt_pdf

CENTER = Issuer("Bright Minds Coaching", "12 MG Road\nBengaluru 560001")
GST_CENTER = Issuer("Bright Minds Coaching", "12 MG Road\nBengaluru 560001", gstin="29ABCDE1234F1Z5")
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
    within = gst_breakdown(total, rate, inter_state=False)
    across = gst_breakdown(total, rate, inter_state=True)
    assert within.taxable_paise == across.taxable_paise == taxable
    assert within.cgst_paise + within.sgst_paise == across.igst_paise == tax
    assert abs(within.cgst_paise - within.sgst_paise) <= 1
    assert (within.inter_state, across.inter_state) == (False, tax > 0)


def test_gstins_are_checked_for_shape():
    assert valid_gstin("29ABCDE1234F1Z5")
    assert not valid_gstin("29ABCDE1234F1X5")
    with pytest.raises(ValueError, match="GSTIN"):
        Issuer("X", "Y", gstin="not-a-gstin")


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
    assert "GSTIN: <strong>29ABCDE1234F1Z5</strong>" in html
    assert "Tax invoice" in html
    assert "₹1,059.32" in html
    assert html.count("₹95.34") == 2
    assert "CGST @ 9%" in html
    assert "IGST" not in html


def test_a_payer_in_another_state_is_charged_igst():
    html = render_receipt_html(replace(RECEIPT, payer_state_code="27"), GST_CENTER)
    assert "IGST @ 18%" in html
    assert "₹190.68" in html
    assert "CGST" not in html


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
    for shown in ("CB-2025-000123", "Asha Verma", "1,250.00", "29ABCDE1234F1Z5", "OM2505041234567", "IST"):
        assert shown in text
