/** Rupee amounts typed by people ⇄ integer paise (money is stored in minor units). */

/** The most one payment asks for, ₹1 crore: the service and the database refuse more (decision 0675). */
export const MAX_FEE_PAISE = 1_00_00_000 * 100;

/** "4,999.50" or "₹ 4999" → paise; null unless a non-negative amount with at most two decimals. */
export function rupeesToPaise(input: string): number | null {
  const cleaned = input.replace(/[₹,\s]/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** 499950 → "4999.50"; whole rupees without decimals (for editing, not display). */
export function paiseToRupees(paise: number): string {
  const rupees = Math.floor(paise / 100);
  const rest = paise % 100;
  return rest === 0 ? String(rupees) : `${String(rupees)}.${String(rest).padStart(2, "0")}`;
}
