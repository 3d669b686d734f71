/**
 * A payment's status as the service reports it (GET /public/payments/<reference>), and how
 * often to ask again while the gateway has not settled it.
 */
import * as z from "zod/mini";

export const paymentStatusSchema = z.object({
  status: z.enum(["created", "pending", "paid", "failed", "expired", "refunded"]),
  amount_paise: z.int(),
  currency: z._default(z.string(), "INR"),
  course: z.nullish(z.string()),
  batch: z.nullish(z.string()),
  receipt_number: z.nullish(z.string()),
  description: z.nullish(z.string()),
  paid_at: z.nullish(z.string()),
});

export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export type PaymentOutcome = "pending" | "paid" | "failed" | "refunded";

/**
 * What the person sees: a link not yet paid ("created") is as pending as one in progress; an
 * expired link took no money, like a failed attempt.
 */
export function paymentOutcome(status: PaymentStatus["status"]): PaymentOutcome {
  if (status === "created") return "pending";
  return status === "expired" ? "failed" : status;
}

/** What the payment was for: "Course · Batch", the description, or null when the service said nothing. */
export function paymentPurpose(payment: Pick<PaymentStatus, "course" | "batch" | "description">): string | null {
  const named = [payment.course, payment.batch].filter(Boolean).join(" · ");
  return named || payment.description || null;
}

/**
 * Milliseconds until the next check after `checks` checks, or false to stop: every 2 s for the
 * first minute (gateways usually settle within seconds), every 10 s up to 10 minutes, then stop
 * and let the person check again by hand.
 */
export function nextCheckDelay(checks: number): number | false {
  if (checks < 30) return 2_000;
  if (checks < 84) return 10_000;
  return false;
}

/** The payment reference from the page's URL: `payment` (what the service's return URL carries) or `reference`. */
export function referenceFrom(search: string): string | null {
  const params = new URLSearchParams(search);
  const value = (params.get("payment") ?? params.get("reference"))?.trim() ?? "";
  return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null;
}
