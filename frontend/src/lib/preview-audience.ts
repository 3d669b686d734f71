/** Asks the service who an action on an audience would reach (counts per reason, first rows). */
import { audiencePreviewSchema, type Audience, type AudiencePreview, type Purpose } from "./audience";
import { requestAdminService } from "./admin-service";
import { UnexpectedAnswerError } from "./service-error";

export async function previewAudience(audience: Audience, purpose: Purpose): Promise<AudiencePreview> {
  const answer = await requestAdminService("/admin/audiences/preview", { method: "POST", body: { audience, ...purpose } });
  const parsed = audiencePreviewSchema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedAnswerError("who would be reached");
  return parsed.data;
}
