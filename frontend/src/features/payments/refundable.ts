/** Which payments can be refunded, and how much of them (contract C2); no form code, so lists can ask cheaply. */
import type { PaymentRow } from "./payment-list";

export type RefundCandidate = Pick<PaymentRow, "status" | "amount_paise" | "refunded_paise">;

/** Paise that can still be refunded: a paid payment's amount less what went back already. */
export function refundablePaise(row: RefundCandidate): number {
  return row.status === "paid" ? Math.max(0, row.amount_paise - row.refunded_paise) : 0;
}
