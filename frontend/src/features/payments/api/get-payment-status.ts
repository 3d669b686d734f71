/** Asks the service for a payment's status; the service, not the redirect URL, is the truth. */
import { requestService } from "@/lib/service";
import { paymentStatusSchema, type PaymentStatus } from "../payment-status";

export async function getPaymentStatus(reference: string, signal?: AbortSignal): Promise<PaymentStatus> {
  const body = await requestService(`/public/payments/${encodeURIComponent(reference)}`, { signal });
  return paymentStatusSchema.parse(body);
}
