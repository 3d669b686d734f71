"""GST on a fee that already includes it: the taxable value and the CGST + SGST (or IGST) inside it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Commercial training and coaching services (SAC 999293) are taxed at 18%.
SAC_COACHING = "999293"
DEFAULT_RATE_PERCENT = 18
GSTIN_PATTERN = re.compile(r"^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")


@dataclass(frozen=True)
class TaxBreakdown:
    """All in paise; taxable + cgst + sgst + igst == total."""

    rate_percent: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int

    @property
    def inter_state(self) -> bool:
        return self.igst_paise > 0


def valid_gstin(gstin: str) -> bool:
    """Shape check of a GSTIN: state code, PAN, entity number, 'Z', check character."""
    return bool(GSTIN_PATTERN.match(gstin))


def state_code(gstin: str) -> str:
    return gstin[:2]


def gst_breakdown(total_paise: int, rate_percent: int, inter_state: bool) -> TaxBreakdown:
    """Split a GST-inclusive total. The taxable value is rounded half up to the paisa; the tax is the rest.

    Within one state the tax is half CGST, half SGST (CGST takes the odd paisa); across states it is IGST.
    """
    divisor = 100 + rate_percent
    taxable = (2 * total_paise * 100 + divisor) // (2 * divisor)
    tax = total_paise - taxable
    if inter_state:
        return TaxBreakdown(rate_percent, taxable, 0, 0, tax)
    cgst = (tax + 1) // 2
    return TaxBreakdown(rate_percent, taxable, cgst, tax - cgst, 0)
