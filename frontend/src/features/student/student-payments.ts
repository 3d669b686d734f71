/** A student's own payments: what each was for, and how its status reads to them. */
import type { Database } from "@/lib/database.types";

type PaymentStatus = Database["public"]["Enums"]["payment_status"];

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
  payment_url: string | null;
  batch: { name: string; course: { title: string } | null } | null;
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
export function paidFor(payment: Pick<StudentPayment, "batch">): string {
  if (!payment.batch) return "Course fee";
  return payment.batch.course ? `${payment.batch.course.title} · ${payment.batch.name}` : payment.batch.name;
}

/** An open link the student can still pay through. */
export function canPay(payment: Pick<StudentPayment, "status" | "payment_url">): boolean {
  return (payment.status === "created" || payment.status === "pending") && Boolean(payment.payment_url);
}
