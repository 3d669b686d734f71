/** Sends a template (or starts AI calls) to every reachable lead of an audience, recorded as a campaign. */
import { z } from "zod";
import type { Audience, Channel } from "@/lib/audience";
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";
import type { Template } from "../campaign-model";

export interface NewCampaign {
  name: string;
  channel: Channel;
  template: Template;
  audience: Audience;
  /** One per attempt the admin confirmed: a retried request never sends twice. */
  requestId: string;
}

const createdSchema = z.object({
  id: z.string(),
  recipients: z.number().int(),
  excluded: z.number().int(),
  excluded_reasons: z.record(z.string(), z.number().int()),
  created: z.boolean(),
});

export type CampaignCreated = z.infer<typeof createdSchema>;

export async function createCampaign({ requestId, ...campaign }: NewCampaign): Promise<CampaignCreated> {
  const answer = await requestAdminService("/admin/campaigns", { method: "POST", body: { ...campaign, request_id: requestId } });
  const parsed = createdSchema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedAnswerError("the campaign");
  return parsed.data;
}
