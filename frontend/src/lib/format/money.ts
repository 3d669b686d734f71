/** Money in minor units (paise) shown as Indian rupees with lakh/crore digit grouping. */

const groupers = new Map<string, Intl.NumberFormat>();

function grouper(currency: string): Intl.NumberFormat {
  let format = groupers.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-IN", { style: "currency", currency, maximumFractionDigits: 0 });
    groupers.set(currency, format);
  }
  return format;
}

function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en-IN", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an integer amount of minor units: 12345600 → "₹1,23,456", 12345650 → "₹1,23,456.50".
 * Whole amounts drop the decimals; others always show every minor digit. Exact for every safe
 * integer (no floating-point division). Raises RangeError for a non-integer or unsafe amount and
 * for an unknown currency code.
 */
export function formatMoney(minorUnits: number, currency = "INR"): string {
  if (!Number.isSafeInteger(minorUnits)) {
    throw new RangeError(`money must be a whole number of minor units, got ${String(minorUnits)}`);
  }
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const magnitude = Math.abs(minorUnits);
  const major = Math.floor(magnitude / scale);
  const minor = magnitude % scale;
  const whole = grouper(currency).format(major);
  const text = minor === 0 ? whole : `${whole}.${String(minor).padStart(digits, "0")}`;
  return minorUnits < 0 ? `-${text}` : text;
}
