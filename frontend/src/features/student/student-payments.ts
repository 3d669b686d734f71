/** A student's own payments: what each was for, and how its status reads to them. */
import type { Database } from "@/lib/database.types";

type PaymentStatus = Database["public"]["Enums"]["payment_status"];
type BatchStatus = Database["public"]["Enums"]["batch_status"];

export interface StudentPayment {
  id: string;
  status: PaymentStatus;
  amount_paise: number;
  refunded_paise: number;
  currency: string;
  created_at: string;
  paid_at: string | null;
  receipt_number: string | null;
  receipt_path: string | null;
  batch_id: string | null;
  /** Set on a renewal: the order the link (/pay/<its first payment>) made after its last one lapsed. */
  renews: string | null;
  /** Set on a link's first payment when the center closed the link: it takes no payment. */
  link_closed_at: string | null;
  batch: { name: string; status: BatchStatus; course: { title: string } | null } | null;
}

export const STATUS_VIEW: Record<PaymentStatus, { label: string; tone: "neutral" | "success" | "warning" | "danger" }> = {
  created: { label: "Awaiting payment", tone: "warning" },
  pending: { label: "Processing", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  refund_pending: { label: "Refund in progress", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
  expired: { label: "Link expired", tone: "neutral" },
  refunded: { label: "Refunded", tone: "neutral" },
};

/** "Spoken English Foundation · Batch A", or what is known of it. */
export function paidFor(payment: { batch: Pick<NonNullable<StudentPayment["batch"]>, "name" | "course"> | null }): string {
  if (!payment.batch) return "Course fee";
  return payment.batch.course ? `${payment.batch.course.title} · ${payment.batch.name}` : payment.batch.name;
}

/** What decides whether a payment can be paid now. */
export type PayFacts = Pick<StudentPayment, "id" | "status" | "batch_id" | "renews" | "link_closed_at" | "created_at"> & { batch: Pick<NonNullable<StudentPayment["batch"]>, "status"> | null };

function tookNoMoney(payment: Pick<StudentPayment, "status">): boolean {
  return payment.status === "created" || payment.status === "failed" || payment.status === "expired";
}

/** The rows the student sees: a renewal that took no money is an order of a link already listed. */
export function shownPayments<T extends Pick<StudentPayment, "status" | "renews">>(payments: T[]): T[] {
  return payments.filter((payment) => !(payment.renews && tookNoMoney(payment)));
}

/**
 * The payments the student can pay now through their page (/pay/<id>): per batch, the newest link, when
 * it took no money, the center has not closed it, nothing of the batch is paid, refunded or under way, and
 * the batch is not over. The
 * page makes a fresh order when the last one lapsed, so an expired or failed link still takes payment.
 */
export function payableIds(payments: PayFacts[]): Set<string> {
  const byBatch = new Map<string, PayFacts[]>();
  for (const payment of payments) {
    const key = payment.batch_id ?? payment.id;
    byBatch.set(key, [...(byBatch.get(key) ?? []), payment]);
  }
  const payable = new Set<string>();
  for (const rows of byBatch.values()) {
    if (!rows.every(tookNoMoney)) continue;
    const newest = rows.filter((row) => !row.renews).sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    const over = newest?.batch?.status === "completed" || newest?.batch?.status === "cancelled";
    if (newest && !over && !newest.link_closed_at) payable.add(newest.id);
  }
  return payable;
}
