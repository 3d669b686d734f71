/** A free-text reply to a lead by email or WhatsApp, queued by the service (409 when WhatsApp's window is closed). */
import { requestAdminService } from "@/lib/admin-service";
import type { ComposerChannel, Draft } from "../composer-model";

export async function sendLeadMessage(leadId: string, channel: ComposerChannel, draft: Draft, requestId: string): Promise<void> {
  const body = { channel, body: draft.body.trim(), request_id: requestId, ...(channel === "email" ? { subject: draft.subject.trim() } : {}) };
  await requestAdminService(`/admin/leads/${leadId}/messages`, { method: "POST", body });
}
