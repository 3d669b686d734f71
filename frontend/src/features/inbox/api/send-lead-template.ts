/** One approved course template to a lead, queued by the service (what goes when WhatsApp's window is closed). */
import { requestAdminService } from "@/lib/admin-service";
import type { ComposerChannel, CourseTemplate } from "../composer-model";

export async function sendLeadTemplate(leadId: string, channel: ComposerChannel, template: CourseTemplate, requestId: string): Promise<void> {
  await requestAdminService(`/admin/leads/${leadId}/template-messages`, { method: "POST", body: { channel, template, request_id: requestId } });
}
