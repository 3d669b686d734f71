/** Starts an AI call to a lead about their course (the service refuses without a phone, after an opt-out, or without a batch). */
import { requestAdminService } from "@/lib/admin-service";

export async function startLeadCall(leadId: string, requestId: string): Promise<void> {
  await requestAdminService(`/admin/leads/${leadId}/calls`, { method: "POST", body: { request_id: requestId } });
}
