/** Which payments can be refunded, and how much of them (contract C2); no form code, so lists can ask cheaply. */
import type { PaymentRow } from "./payment-list";

export type RefundCandidate = Pick<PaymentRow, "status" | "received_paise" | "refunded_paise">;

/** Paise that can still be refunded: what a paid payment received (less than it asked when paid short) less
 * what went back already. */
export function refundablePaise(row: RefundCandidate): number {
  return row.status === "paid" ? Math.max(0, (row.received_paise ?? 0) - row.refunded_paise) : 0;
}
