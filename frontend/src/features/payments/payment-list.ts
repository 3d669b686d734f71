/** The admin's payment list: filters, the period they cover, payer names and the period's totals. */
import type { Database } from "@/lib/database.types";

type Enums = Database["public"]["Enums"];
export type PaymentListStatus = Enums["payment_status"];
export type PaymentProvider = Enums["payment_provider"];

export interface PaymentRow {
  id: string;
  status: PaymentListStatus;
  provider: PaymentProvider;
  amount_paise: number;
  /** What the payment took once paid (the provider's confirmed amount); null until then. */
  received_paise: number | null;
  refunded_paise: number;
  currency: string;
  created_at: string;
  paid_at: string | null;
  failure_reason: string | null;
  receipt_number: string | null;
  receipt_path: string | null;
  lead: { full_name: string } | null;
  profile: { full_name: string | null; email: string | null } | null;
  batch: { name: string } | null;
}

export type Period = "7d" | "30d" | "90d" | "all";

export interface PaymentFilters {
  status: PaymentListStatus | "all";
  provider: PaymentProvider | "all";
  period: Period;
}

const PERIOD_DAYS: Record<Exclude<Period, "all">, number> = { "7d": 7, "30d": 30, "90d": 90 };

export const PERIOD_LABELS: Record<Period, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  all: "All time",
};

/** The earliest creation time the period includes, or null for all time. */
export function periodStart(period: Period, now: Date): string | null {
  if (period === "all") return null;
  return new Date(now.getTime() - PERIOD_DAYS[period] * 24 * 60 * 60 * 1000).toISOString();
}

/** The student's name once enrolled, else the lead's; says which kind of payer it is. */
export function payerOf(row: Pick<PaymentRow, "lead" | "profile">): { name: string; kind: "Student" | "Lead" } {
  if (row.profile) return { name: row.profile.full_name?.trim() || row.profile.email || "Unnamed student", kind: "Student" };
  return { name: row.lead?.full_name.trim() || "Unnamed lead", kind: "Lead" };
}

export interface PaymentTotals {
  /** Kept money: paid amounts less refunds, in paise. */
  collectedPaise: number;
  paidCount: number;
  pendingPaise: number;
  pendingCount: number;
  refundedPaise: number;
  failedCount: number;
}

export type TotalsInput = Pick<PaymentRow, "status" | "amount_paise" | "received_paise" | "refunded_paise">;

/** Sums the rows: collected is money received (a payment paid short counts what it took), pending counts
 * links not yet paid ("created" or "pending"); expired rows count nowhere. */
export function totalsOf(rows: TotalsInput[]): PaymentTotals {
  const totals: PaymentTotals = { collectedPaise: 0, paidCount: 0, pendingPaise: 0, pendingCount: 0, refundedPaise: 0, failedCount: 0 };
  for (const row of rows) {
    if (row.status === "paid" || row.status === "refund_pending" || row.status === "refunded") {
      totals.collectedPaise += (row.received_paise ?? 0) - row.refunded_paise;
      totals.refundedPaise += row.refunded_paise;
      totals.paidCount += 1;
    } else if (row.status === "created" || row.status === "pending") {
      totals.pendingPaise += row.amount_paise;
      totals.pendingCount += 1;
    } else if (row.status === "failed") {
      totals.failedCount += 1;
    }
  }
  return totals;
}

export interface Shortfall {
  receivedPaise: number;
  missingPaise: number;
}

/** A paid payment that took less than it asked (paid short, decision 0665: held, not enrolled): what it
 * received and what is missing; null for any other payment. */
export function shortfallOf(row: Pick<PaymentRow, "status" | "amount_paise" | "received_paise">): Shortfall | null {
  if (row.status !== "paid" || row.received_paise === null || row.received_paise >= row.amount_paise) return null;
  return { receivedPaise: row.received_paise, missingPaise: row.amount_paise - row.received_paise };
}

/** How each status reads in the admin's lists and badges. */
export const STATUS_LABELS: Record<PaymentListStatus, string> = {
  paid: "Paid",
  created: "Link created",
  pending: "Pending",
  failed: "Failed",
  expired: "Expired",
  refund_pending: "Refund pending",
  refunded: "Refunded",
};

export const STATUS_TONES: Record<PaymentListStatus, "success" | "warning" | "danger" | "neutral" | "info"> = {
  paid: "success",
  created: "neutral",
  pending: "warning",
  failed: "danger",
  expired: "neutral",
  refund_pending: "warning",
  refunded: "info",
};
