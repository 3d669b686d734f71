/** Opens a payment link: the service answers what to do now, making a fresh order when the last one lapsed. */
import { requestService } from "@/lib/service";
import { UnexpectedAnswerError } from "@/lib/service-error";
import { checkoutSchema, type Checkout } from "../payment-checkout";

export async function openCheckout(link: string, signal?: AbortSignal): Promise<Checkout> {
  const body = await requestService(`/public/payment-links/${encodeURIComponent(link)}/checkout`, { method: "POST", signal });
  const parsed = checkoutSchema.safeParse(body);
  if (!parsed.success) throw new UnexpectedAnswerError("the payment link");
  return parsed.data;
}
