/** Sends a template (or starts AI calls) to every reachable lead of an audience, recorded as a campaign. */
import { z } from "zod";
import type { Audience, Channel } from "@/lib/audience";
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError, UnexpectedAnswerError } from "@/lib/service-error";
import { isRequestIdReused, REUSED_ID_ADVICE } from "@/lib/use-request-id";
import type { Template } from "../campaign-model";

export interface NewCampaign {
  name: string;
  channel: Channel;
  template: Template;
  audience: Audience;
  /** The same while the campaign asked stays the same (useRequestId): a retried request never sends twice. */
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

/** Raises ServiceError request_id_reused, saying what to do, when the id already named another campaign. */
export async function createCampaign({ requestId, ...campaign }: NewCampaign): Promise<CampaignCreated> {
  const answer = await requestAdminService("/admin/campaigns", { method: "POST", body: { ...campaign, request_id: requestId } }).catch((error: unknown) => {
    throw isRequestIdReused(error) ? new ServiceError(409, "request_id_reused", REUSED_ID_ADVICE) : error;
  });
  const parsed = createdSchema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedAnswerError("the campaign");
  return parsed.data;
}
