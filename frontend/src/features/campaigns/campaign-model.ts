/** What a campaign can send, how its messages' statuses read, and the composer's segment as an audience. */
import type { Channel, LeadFilter } from "@/lib/audience";
import type { Database } from "@/lib/database.types";

type Enums = Database["public"]["Enums"];
export type MessageStatus = Enums["message_status"];
export type Template = "follow_up_day_1" | "follow_up_day_3" | "follow_up_day_7" | "welcome";

const FOLLOW_UPS: { value: Template; label: string }[] = [
  { value: "follow_up_day_1", label: "Follow-up: the course at a glance" },
  { value: "follow_up_day_3", label: "Follow-up: the batch start date" },
  { value: "follow_up_day_7", label: "Follow-up: last call before the batch" },
];

/** The templates each channel offers (the service refuses any other pair). */
export const TEMPLATES: Record<Channel, { value: Template; label: string }[]> = {
  email: FOLLOW_UPS,
  whatsapp: FOLLOW_UPS,
  call: [{ value: "welcome", label: "Welcome call about their course" }],
};

export function templateLabel(channel: Channel, template: string): string {
  return TEMPLATES[channel].find((t) => t.value === template)?.label ?? template;
}

/** The delivery statuses a campaign shows, in the order messages move through them. */
export const STATUS_ORDER: { status: MessageStatus; label: string }[] = [
  { status: "queued", label: "Queued" },
  { status: "sent", label: "Sent" },
  { status: "delivered", label: "Delivered" },
  { status: "read", label: "Read" },
  { status: "failed", label: "Failed" },
];

/** "Failed" gathers failures and bounces; each other status counts as itself. */
export function statusTotals(counts: { status: MessageStatus; messages: number }[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(STATUS_ORDER.map(({ status }) => [status, 0]));
  for (const { status, messages } of counts) {
    const key = status === "bounced" ? "failed" : status;
    if (key in totals) totals[key] = (totals[key] ?? 0) + messages;
  }
  return totals;
}

export function statusLabel(status: MessageStatus, error: string | null): string {
  if (status === "failed" || status === "bounced") return error ? `Failed: ${error}` : "Failed";
  return STATUS_ORDER.find((s) => s.status === status)?.label ?? status;
}

/** The composer's segment fields; empty strings mean "any". */
export interface Segment {
  courseId: string;
  status: string;
  tag: string;
  source: string;
  from: string;
  to: string;
}

export const EMPTY_SEGMENT: Segment = { courseId: "", status: "", tag: "", source: "", from: "", to: "" };

/** The segment as the service's filter; `dayStart` turns a calendar day into an instant in the viewer's zone. */
export function segmentFilter(segment: Segment, dayStart: (day: string, nextDay?: boolean) => string): LeadFilter {
  const filter: LeadFilter = {};
  if (segment.courseId) filter.course_id = segment.courseId;
  if (segment.status) filter.status = segment.status as LeadFilter["status"];
  if (segment.tag.trim()) filter.tag = segment.tag.trim();
  if (segment.source) filter.source = segment.source as LeadFilter["source"];
  if (segment.from) filter.created_from = dayStart(segment.from);
  if (segment.to) filter.created_to = dayStart(segment.to, true);
  return filter;
}

/** One-to-one embeds arrive as an object or a one-row list depending on the server; read both. */
function one<T>(value: T | T[] | null | undefined): T | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

interface MessageEmbeds {
  conversation: { lead: LeadContact | LeadContact[] | null } | { lead: LeadContact | LeadContact[] | null }[] | null;
  call: CallDetail | CallDetail[] | null;
}

interface LeadContact {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
}

interface CallDetail {
  status: string;
  duration_seconds: number | null;
  disposition: string | null;
  summary: string | null;
}

export function leadOf(message: MessageEmbeds): LeadContact | null {
  return one(one(message.conversation)?.lead);
}

/** "Answered, 2 min 5 s — interested: wants the weekend batch", or what is known so far. */
export function callOutcome(message: MessageEmbeds): string {
  const call = one(message.call);
  if (!call) return "Not started";
  const parts = [call.status.replace(/_/g, " ")];
  if (call.duration_seconds) parts.push(`${Math.floor(call.duration_seconds / 60)} min ${call.duration_seconds % 60} s`);
  const detail = [call.disposition, call.summary].filter(Boolean).join(": ");
  const head = parts.join(", ");
  return detail ? `${head[0]?.toUpperCase() ?? ""}${head.slice(1)} — ${detail}` : `${head[0]?.toUpperCase() ?? ""}${head.slice(1)}`;
}
