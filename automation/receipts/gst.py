"""GST on a receipt: which GSTIN a receipt shows, the place of supply, and the CGST + SGST inside a fee.

The GSTIN rule (`valid_gstin`) is the one the settings form (frontend/src/features/settings/gstin.ts) and
the database (private.is_gstin, center_settings' check) apply too; tests/fixtures/gstin_cases.json pins all
three to the same answers. Why receipts split CGST + SGST in the center's state: decision 0669.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Commercial training and coaching services (SAC 999293) are taxed at 18%.
SAC_COACHING = "999293"
DEFAULT_RATE_PERCENT = 18
# GST state codes (the first two digits of a GSTIN) and their names.
STATES = {
    "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh",
    "05": "Uttarakhand", "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh",
    "10": "Bihar", "11": "Sikkim", "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur",
    "15": "Mizoram", "16": "Tripura", "17": "Meghalaya", "18": "Assam", "19": "West Bengal",
    "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh", "23": "Madhya Pradesh", "24": "Gujarat",
    "25": "Daman and Diu", "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra",
    "28": "Andhra Pradesh (before 2014)", "29": "Karnataka", "30": "Goa", "31": "Lakshadweep",
    "32": "Kerala", "33": "Tamil Nadu", "34": "Puducherry", "35": "Andaman and Nicobar Islands",
    "36": "Telangana", "37": "Andhra Pradesh", "38": "Ladakh", "97": "Other Territory",
}  # fmt: skip
# State code, PAN (5 letters, 4 digits, 1 letter), entity number, 'Z', check character.
GSTIN_SHAPE = re.compile(r"^(0[1-9]|[12][0-9]|3[0-8]|97)[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class TaxBreakdown:
    """All in paise; taxable + cgst + sgst == the total paid."""

    rate_percent: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int


def check_character(first14: str) -> str:
    """GSTN's check character: base-36 digits weighted 1, 2, 1, 2…, each product's base-36 digits summed."""
    total = 0
    for position, char in enumerate(first14):
        product = BASE36.index(char) * (1 + position % 2)
        total += product // 36 + product % 36
    return BASE36[-total % 36]


def valid_gstin(gstin: str) -> bool:
    """True for a regular taxpayer's GSTIN: upper case, a known state code, the right check character."""
    return bool(GSTIN_SHAPE.match(gstin)) and check_character(gstin[:14]) == gstin[14]


def receipt_gstin(stored: str | None) -> str | None:
    """The GSTIN a receipt (its PDF and its email) shows: the center's when valid, else None: no GST fields.

    The database refuses an invalid GSTIN since migration 20261122017400; one stored before stays
    unshown until an admin corrects it on Settings.
    """
    return stored if stored and valid_gstin(stored) else None


def place_of_supply(gstin: str) -> str:
    """The supplier's state, e.g. "Maharashtra (27)": the place of supply when the payer's is unknown."""
    return f"{STATES[gstin[:2]]} ({gstin[:2]})"


def gst_breakdown(total_paise: int, rate_percent: int) -> TaxBreakdown:
    """Split a GST-inclusive total within one state. The taxable value is rounded half up to the paisa;
    the tax is the rest, half CGST and half SGST (CGST takes an odd paisa), so the parts add up to the total.
    """
    divisor = 100 + rate_percent
    taxable = (2 * total_paise * 100 + divisor) // (2 * divisor)
    tax = total_paise - taxable
    cgst = (tax + 1) // 2
    return TaxBreakdown(rate_percent, taxable, cgst, tax - cgst)
