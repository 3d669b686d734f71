/** A lead's detail: its shape, consents per channel and person, UTM attribution, tag edits. */
import type { Database } from "@/lib/database.types";
import type { LeadSource, LeadStatus } from "./lead-query";

type Enums = Database["public"]["Enums"];
type ConsentState = Enums["consent_state"];
type ContactChannel = Enums["contact_channel"];
type ContactParty = Enums["contact_party"];

export interface LeadConsent {
  party: ContactParty;
  channel: ContactChannel;
  state: ConsentState;
  recorded_at: string;
}

export interface LeadDetail {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  parent_name: string | null;
  parent_email: string | null;
  parent_phone: string | null;
  city: string | null;
  source: LeadSource;
  status: LeadStatus;
  lost_reason: string | null;
  tags: string[];
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  created_at: string;
  course: { id: string; title: string } | null;
  consents: LeadConsent[];
}

export const CONSENT_CHANNELS: { value: ContactChannel; label: string }[] = [
  { value: "email", label: "Email" },
  { value: "whatsapp", label: "WhatsApp" },
  { value: "call", label: "Calls" },
];

const CONSENT_LABELS: Record<ConsentState, string> = { opted_in: "Opted in", opted_out: "Opted out" };

/** Each channel's consent for one person: "Opted in", "Opted out" or "Never asked" (no row). */
export function consentRows(consents: LeadConsent[], party: ContactParty): { channel: string; state: string; optedOut: boolean }[] {
  return CONSENT_CHANNELS.map(({ value, label }) => {
    const found = consents.find((consent) => consent.party === party && consent.channel === value);
    return { channel: label, state: found ? CONSENT_LABELS[found.state] : "Never asked", optedOut: found?.state === "opted_out" };
  });
}

/** The UTM fields the lead arrived with, as label/value pairs (empty when it came without any). */
export function utmPairs(lead: Pick<LeadDetail, "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content">): [string, string][] {
  const pairs: [string, string | null][] = [
    ["Source", lead.utm_source],
    ["Medium", lead.utm_medium],
    ["Campaign", lead.utm_campaign],
    ["Term", lead.utm_term],
    ["Content", lead.utm_content],
  ];
  return pairs.filter((pair): pair is [string, string] => Boolean(pair[1]));
}

/** The lead's name, else an address: what headings and buttons call the lead. */
export function leadDisplayName(lead: Pick<LeadDetail, "full_name" | "email" | "phone">): string {
  return lead.full_name.trim() || lead.email || lead.phone || "Unnamed lead";
}

export const TAG_MAX = 50;

/** A tag as stored: trimmed, lower case, inner spaces as hyphens. Null when there is nothing left. */
export function normalizeTag(input: string): string | null {
  const tag = input.trim().toLowerCase().replace(/\s+/g, "-");
  return tag ? tag : null;
}

/** Why a tag cannot be added, or null. */
export function tagProblem(tag: string | null, existing: string[]): string | null {
  if (!tag) return "Type a tag first.";
  if (tag.length > TAG_MAX) return `Keep a tag under ${TAG_MAX} characters.`;
  if (existing.includes(tag)) return `The lead already has the tag "${tag}".`;
  return null;
}
