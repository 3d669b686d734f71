/** Closes a payment link through the service: its page stops taking payment, and its reminders and waiting link message stop. */
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";

/** The longest reason the service accepts. */
export const CLOSE_REASON_MAX = 500;

/** `linkId`: the link's first payment. An empty reason is left out; closing a closed link succeeds again. */
export async function closePaymentLink(linkId: string, reason: string): Promise<void> {
  const note = reason.trim();
  const answer = await requestAdminService(`/admin/payment-links/${encodeURIComponent(linkId)}/close`, { method: "POST", body: note ? { reason: note } : {} });
  if (typeof answer !== "object" || answer === null || (answer as { state?: unknown }).state !== "closed") throw new UnexpectedAnswerError("closing the link");
}
