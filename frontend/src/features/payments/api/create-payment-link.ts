/** Creates a payment link through the service; the provider makes it and the outbox sends it to the payer. */
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";
import type { linkRequest } from "../payment-link";

export interface CreatedLink {
  paymentId: string;
  amountPaise: number;
}

export async function createPaymentLink(body: ReturnType<typeof linkRequest>): Promise<CreatedLink> {
  const answer = await requestAdminService("/admin/payment-links", { method: "POST", body });
  if (typeof answer !== "object" || answer === null || !("payment_id" in answer) || !("amount_paise" in answer)) {
    throw new UnexpectedAnswerError("the payment link");
  }
  const { payment_id: paymentId, amount_paise: amountPaise } = answer;
  if (typeof paymentId !== "string" || typeof amountPaise !== "number") throw new UnexpectedAnswerError("the payment link");
  return { paymentId, amountPaise };
}
