/** Sends the CTA form to the service's lead intake; raises ServiceError with field reasons. */
import { requestService } from "@/lib/service";
import type { LeadPayload } from "../lead-form";

export async function submitLead(payload: LeadPayload): Promise<void> {
  await requestService("/public/leads", { method: "POST", body: payload });
}
