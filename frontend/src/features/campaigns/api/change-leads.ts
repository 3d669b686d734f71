/** One bulk change to an audience of leads: add a tag, set the status, or start a sequence. */
import { z } from "zod";
import type { Audience } from "@/lib/audience";
import type { Database } from "@/lib/database.types";
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";

type LeadStatus = Database["public"]["Enums"]["lead_status"];

export type LeadChange =
  | { kind: "tag"; tag: string }
  | { kind: "status"; status: LeadStatus; lostReason: string | null }
  | { kind: "sequence"; sequenceKey: string };

const changedSchema = z.object({ changed: z.number().int() });

function request(change: LeadChange): [string, Record<string, unknown>] {
  switch (change.kind) {
    case "tag":
      return ["tag", { tag: change.tag }];
    case "status":
      return ["status", { status: change.status, lost_reason: change.lostReason }];
    case "sequence":
      return ["sequence", { sequence_key: change.sequenceKey }];
  }
}

/** Returns how many leads actually changed (those already so are left as they are). */
export async function changeLeads(audience: Audience, change: LeadChange): Promise<number> {
  const [path, body] = request(change);
  const answer = await requestAdminService(`/admin/lead-selections/${path}`, { method: "POST", body: { audience, ...body } });
  const parsed = changedSchema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedAnswerError("the change to the leads");
  return parsed.data.changed;
}
