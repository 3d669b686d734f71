/**
 * A payment link as the admin makes and follows it: its price (the course's, less a discount, or a
 * fixed amount; either needs a reason), its progress at the provider, and when its page is shown.
 */
import type { Database } from "@/lib/database.types";

export type PriceChange = "none" | "discount" | "fixed";

export interface PriceForm {
  change: PriceChange;
  /** Rupees as typed, e.g. "1,500" or "999.50". */
  rupees: string;
  reason: string;
}

/** "1,500.50" → 150050 paise; null for anything that is not a positive amount with at most two decimals. */
export function parseRupees(input: string): number | null {
  const text = input.replaceAll(",", "").replace(/^₹/, "").trim();
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const paise = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return paise > 0 ? paise : null;
}

export type PriceResult =
  | { ok: true; amountPaise: number; discountPaise: number; fixed: boolean }
  | { ok: false; field: "rupees" | "reason"; message: string };

/** The amount the payer will be asked for, or what is wrong with the form (mirrors the service's rules). */
export function priceOf(listPricePaise: number, form: PriceForm): PriceResult {
  if (form.change === "none") return { ok: true, amountPaise: listPricePaise, discountPaise: 0, fixed: false };
  const paise = parseRupees(form.rupees);
  if (paise === null) return { ok: false, field: "rupees", message: "Enter an amount in rupees, e.g. 1,500." };
  if (form.change === "discount" && paise >= listPricePaise) {
    return { ok: false, field: "rupees", message: "The discount must be less than the course's price." };
  }
  if (!form.reason.trim()) return { ok: false, field: "reason", message: "Say why the price differs from the course's." };
  if (form.change === "discount") return { ok: true, amountPaise: listPricePaise - paise, discountPaise: paise, fixed: false };
  return { ok: true, amountPaise: paise, discountPaise: Math.max(listPricePaise - paise, 0), fixed: true };
}

export type Payer = { leadId: string; profileId?: undefined } | { profileId: string; leadId?: undefined };

/** The body of POST /admin/payment-links for a priced form. */
export function linkRequest(batchId: string, payer: Payer, price: Extract<PriceResult, { ok: true }>, reason: string) {
  const note = reason.trim() || null;
  return {
    batch_id: batchId,
    ...(payer.leadId ? { lead_id: payer.leadId } : { profile_id: payer.profileId }),
    ...(price.fixed ? { amount_paise: price.amountPaise } : { discount_paise: price.discountPaise }),
    ...(price.discountPaise > 0 || price.fixed ? { pricing_note: note } : {}),
  };
}

/** A new link as the dialog follows it: the payment, and the outbox job that asks the provider for the link. */
export interface FollowedLink {
  payment_url: string | null;
  job: { status: string; last_error: string | null } | null;
}

/**
 * `made`: the provider made the order; the admin still copies the link's page (/pay/<payment id>), never
 * the provider's URL, which lapses with its order (decision 0666). `refusal`: the provider's last answer
 * when the outbox gave up on it; null when the job was stopped instead.
 */
export type LinkProgress = { state: "made" } | { state: "waiting" } | { state: "failed"; refusal: string | null };

/** Made, still being made, or not made for good: the outbox gave up on the provider, or was stopped. */
export function linkProgress(link: FollowedLink): LinkProgress {
  if (link.payment_url) return { state: "made" };
  if (link.job?.status === "dead") return { state: "failed", refusal: link.job.last_error };
  if (link.job?.status === "cancelled" || link.job?.status === "skipped") return { state: "failed", refusal: null };
  return { state: "waiting" };
}

/** Milliseconds until the dialog asks again, or false once the link is made or failed for good. */
export function nextLinkCheck(link: FollowedLink | undefined, everyMs: number): number | false {
  return link && linkProgress(link).state !== "waiting" ? false : everyMs;
}

type PaymentStatus = Database["public"]["Enums"]["payment_status"];

/** A link's first payment as the admin's timeline reads it; `link_closed_at` is set once the admin closed the link. */
export interface LinkHead {
  status: PaymentStatus;
  payment_url: string | null;
  renews: string | null;
  link_closed_at: string | null;
}

/**
 * Whether the admin sees a payment's link (its page, /pay/<id>): a link's first payment whose order the
 * provider made, that took no money and that the admin did not close. Its page makes a fresh order when
 * the last one lapsed, so an expired or failed link is still worth sending; a renewal (`renews` set) is
 * an order of another link.
 */
export function showsLinkPage(payment: LinkHead): boolean {
  const tookNoMoney = payment.status === "created" || payment.status === "pending" || payment.status === "failed" || payment.status === "expired";
  return tookNoMoney && payment.renews === null && payment.payment_url !== null && payment.link_closed_at === null;
}

/**
 * Whether the admin may close a link: as showsLinkPage, but not while a payment on it is under way
 * (`pending`), which the service would refuse.
 */
export function canCloseLink(payment: LinkHead): boolean {
  return showsLinkPage(payment) && payment.status !== "pending";
}
