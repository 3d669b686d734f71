/** Approves (the service starts the welcome sequence) or rejects a CTA submission. */
import { requestAdminService } from "@/lib/admin-service";

export type Decision = "approve" | "reject";

export async function decideSubmission(submissionId: string, decision: Decision): Promise<void> {
  await requestAdminService(`/admin/cta-submissions/${submissionId}/${decision}`, { method: "POST", body: {} });
}
