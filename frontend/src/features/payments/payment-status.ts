/**
 * A payment's status as the service reports it (GET /public/payments/<reference>), and how
 * often to ask again while the gateway has not settled it.
 */
import * as z from "zod/mini";

export const paymentStatusSchema = z.object({
  reference: z.string(),
  status: z.enum(["created", "pending", "paid", "failed", "expired", "refunded"]),
  amount_paise: z.int(),
  currency: z.string(),
  description: z.nullish(z.string()),
  paid_at: z.nullish(z.string()),
  receipt_number: z.nullish(z.string()),
  /** What a payment paid short still lacks, in ₹ (it holds no seat until the center settles it). */
  short_by: z.nullish(z.string()),
  /** The payment link to pay through (/pay/<pay_again>) when this payment took no money and the link still takes payment. */
  pay_again: z.nullish(z.string()),
});

export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export type PaymentOutcome = "pending" | "paid" | "failed" | "expired" | "refunded";

/** What the person sees: a link not yet paid ("created") is as pending as one in progress. */
export function paymentOutcome(status: PaymentStatus["status"]): PaymentOutcome {
  return status === "created" ? "pending" : status;
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

/** The payment reference from the page's URL: `payment`, which the service adds to every return URL. */
export function referenceFrom(search: string): string | null {
  const value = new URLSearchParams(search).get("payment")?.trim() ?? "";
  return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null;
}
