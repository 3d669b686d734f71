/** Asks the service for a payment's status; the service, not the redirect URL, is the truth. */
import { requestService } from "@/lib/service";
import { UnexpectedAnswerError } from "@/lib/service-error";
import { paymentStatusSchema, type PaymentStatus } from "../payment-status";

export async function getPaymentStatus(reference: string, signal?: AbortSignal): Promise<PaymentStatus> {
  const body = await requestService(`/public/payments/${encodeURIComponent(reference)}`, { signal });
  const parsed = paymentStatusSchema.safeParse(body);
  if (!parsed.success) throw new UnexpectedAnswerError("the payment");
  return parsed.data;
}
