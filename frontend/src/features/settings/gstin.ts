/**
 * The GSTIN rule receipts apply (automation/receipts/gst.py) and the database checks (private.is_gstin):
 * a known state code, the PAN, the entity number, "Z", and GSTN's check character. The three are pinned
 * to the same answers by tests/fixtures/gstin_cases.json.
 */
const SHAPE = /^(0[1-9]|[12][0-9]|3[0-8]|97)[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** GSTN's check character of the first 14 characters: base-36 digits weighted 1, 2, 1, 2…, each product's base-36 digits summed. */
export function gstinCheckCharacter(first14: string): string {
  let total = 0;
  for (let position = 0; position < first14.length; position += 1) {
    const product = BASE36.indexOf(first14.charAt(position)) * (1 + (position % 2));
    total += Math.floor(product / 36) + (product % 36);
  }
  return BASE36.charAt((36 - (total % 36)) % 36);
}

/** True for a regular taxpayer's GSTIN as stored: upper case, a known state code, the right check character. */
export function isGstin(value: string): boolean {
  return SHAPE.test(value) && gstinCheckCharacter(value.slice(0, 14)) === value.charAt(14);
}
