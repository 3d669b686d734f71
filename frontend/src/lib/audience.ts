/**
 * An audience of leads as the service takes it (picked ids, or the Leads list's filter), and its
 * preview: how many leads an action reaches and why the others are left out. Shared by the Leads
 * list's bulk actions and the Campaigns page.
 */
import { z } from "zod";
import type { Database } from "./database.types";

type Enums = Database["public"]["Enums"];
export type Channel = Enums["campaign_channel"];

export interface LeadFilter {
  search?: string;
  status?: Enums["lead_status"];
  source?: Enums["lead_source"];
  tag?: string;
  course_id?: string;
  /** ISO instants; `created_to` is exclusive. */
  created_from?: string;
  created_to?: string;
}

export type Audience = { lead_ids: string[] } | { filter: LeadFilter };

/** What the audience is for: a message or call on a channel, starting a sequence, or a plain change. */
export type Purpose = { channel: Channel } | { sequence_key: string } | Record<string, never>;

const audienceLead = z.object({
  id: z.string(),
  full_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  excluded_reason: z.string().nullable(),
});

export const audiencePreviewSchema = z.object({
  matched: z.number().int(),
  reachable: z.number().int(),
  excluded: z.record(z.string(), z.number().int()),
  sample: z.array(audienceLead),
  excluded_sample: z.array(audienceLead),
});

export type AudiencePreview = z.infer<typeof audiencePreviewSchema>;
export type AudienceLead = z.infer<typeof audienceLead>;

export const CHANNEL_LABELS: Record<Channel, string> = { email: "Email", whatsapp: "WhatsApp", call: "AI call" };

/** "9 of 12 leads will receive it; left out: 2 opted out of WhatsApp, 1 no phone number." */
export function describeReach(preview: AudiencePreview, verb = "will receive it"): string {
  const noun = (count: number) => `${count.toLocaleString("en-IN")} ${count === 1 ? "lead" : "leads"}`;
  const reach = `${preview.reachable.toLocaleString("en-IN")} of ${noun(preview.matched)} ${verb}`;
  const reasons = Object.entries(preview.excluded)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${count.toLocaleString("en-IN")} ${reason}`);
  return reasons.length ? `${reach}; left out: ${reasons.join(", ")}.` : `${reach}.`;
}
