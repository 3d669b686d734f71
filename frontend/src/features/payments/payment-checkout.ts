/**
 * What opening a payment link does (POST /public/payment-links/<link>/checkout, decision 0666): go to
 * the provider's checkout, show the result of a payment made or under way, wait while an order is
 * being made, or say why the link no longer takes payment.
 */
import * as z from "zod/mini";

/** What the page may show about the link; `link` is the id to use from now on (an old link leads to the newest). */
const shown = {
  link: z.string(),
  amount: z.nullish(z.string()),
  amount_paise: z.nullish(z.int()),
  currency: z.nullish(z.string()),
  course: z.nullish(z.string()),
  batch: z.nullish(z.string()),
  center: z.nullish(z.object({ name: z.nullish(z.string()), phone: z.nullish(z.string()), website: z.nullish(z.string()) })),
};

export const checkoutSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("checkout"), url: z.url({ protocol: /^https?$/ }), ...shown }),
  z.object({ state: z.enum(["settled", "in_progress"]), payment: z.string(), ...shown }),
  z.object({ state: z.literal("preparing"), retry_after: z.number().check(z.nonnegative()), ...shown }),
  z.object({ state: z.literal("closed"), reason: z.nullish(z.string()), message: z.string(), ...shown }),
]);

export type Checkout = z.infer<typeof checkoutSchema>;
export type LinkFacts = Pick<Checkout, "amount" | "course" | "batch" | "center">;

/** The link id from the page's address: a payment id (a UUID), or null for anything else. */
export function linkFrom(param: string | undefined): string | null {
  const value = param?.trim().toLowerCase() ?? "";
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) ? value : null;
}

/** The web app's page for a payment link: what the admin copies and what messages carry. */
export function linkPageUrl(origin: string, link: string): string {
  return `${origin}/pay/${encodeURIComponent(link)}`;
}
