/** Moves a lead to another status through the service (a lost lead keeps its reason). */
import { requestAdminService } from "@/lib/admin-service";
import type { LeadStatus } from "../lead-query";

export async function changeLeadStatus(leadId: string, status: LeadStatus, lostReason: string | null): Promise<void> {
  await requestAdminService(`/admin/leads/${leadId}`, { method: "PATCH", body: { status, lost_reason: status === "lost" ? lostReason : null } });
}
