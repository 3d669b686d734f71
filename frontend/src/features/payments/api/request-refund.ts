/** Asks the service to refund a payment (contract C2); the provider confirms it later. */
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";

export interface RefundAccepted {
  payment_id: string;
  status: string;
}

export async function requestRefund(paymentId: string, body: { amount_paise: number | null; reason: string }): Promise<RefundAccepted> {
  const answer = await requestAdminService(`/admin/payments/${encodeURIComponent(paymentId)}/refunds`, { method: "POST", body });
  if (typeof answer !== "object" || answer === null || typeof (answer as { status?: unknown }).status !== "string") throw new UnexpectedAnswerError("the refund");
  return answer as RefundAccepted;
}
