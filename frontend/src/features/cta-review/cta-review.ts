/** CTA submissions awaiting review: what the person wrote, and what they agreed to be contacted on. */
import type { Database, Json } from "@/lib/database.types";

type Enums = Database["public"]["Enums"];

export interface PendingSubmission {
  id: string;
  answers: Json;
  page_url: string | null;
  submitted_at: string;
  course: { title: string } | null;
  lead: {
    id: string;
    full_name: string;
    email: string | null;
    phone: string | null;
    consents: { party: Enums["contact_party"]; channel: Enums["contact_channel"]; state: Enums["consent_state"] }[];
  } | null;
}

// Shown elsewhere on the card (the lead's name and addresses, the course, the consents) or not for people.
const SHOWN_ELSEWHERE = new Set(["name", "email", "phone", "course_slug", "consents", "utm", "website", "page_url"]);

function label(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: Json): string | null {
  if (value === null) return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string" || typeof value === "number") return String(value).trim() || null;
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join(", ") || null;
  return null;
}

/** The person's own answers (their message, goal, preferred time…) as label/text pairs, in form order. */
export function submissionAnswers(answers: Json): [string, string][] {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return [];
  return Object.entries(answers).flatMap(([key, value]) => {
    const shown = SHOWN_ELSEWHERE.has(key) || value === undefined ? null : text(value);
    return shown ? [[label(key), shown] as [string, string]] : [];
  });
}

const CHANNEL_LABELS = { email: "Email", whatsapp: "WhatsApp", call: "Calls" } as const;

/** "Email, WhatsApp" the lead opted in to, and the channels they refused, from their own consents. */
export function consentSummary(consents: NonNullable<PendingSubmission["lead"]>["consents"]): { agreed: string; refused: string | null } {
  const own = consents.filter((consent) => consent.party === "self");
  const names = (state: Enums["consent_state"]) =>
    (Object.keys(CHANNEL_LABELS) as (keyof typeof CHANNEL_LABELS)[])
      .filter((channel) => own.some((consent) => consent.channel === channel && consent.state === state))
      .map((channel) => CHANNEL_LABELS[channel]);
  const agreed = names("opted_in");
  const refused = names("opted_out");
  return { agreed: agreed.length > 0 ? agreed.join(", ") : "No channel", refused: refused.length > 0 ? refused.join(", ") : null };
}

/** The name a person sees on the card and the buttons say ("Approve Asha Rao"). */
export function submitterName(submission: Pick<PendingSubmission, "lead">): string {
  return submission.lead?.full_name.trim() || submission.lead?.email || submission.lead?.phone || "Unnamed lead";
}
