/** Shapes and arithmetic of the Today page: KPI parsing and trends, funnel range and totals, activity wording. */
import { z } from "zod";
import { formatMoney } from "@/lib/format/money";
import { UnexpectedAnswerError } from "@/lib/service-error";

const kpiSchema = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  daily: z.array(z.object({ day: z.string(), value: z.number().nullable() })),
});

const statsSchema = z.object({
  as_of: z.string(),
  timezone: z.string(),
  currency: z.string(),
  new_leads: kpiSchema,
  conversions: kpiSchema,
  conversion_rate: kpiSchema,
  revenue_paise: kpiSchema,
  attendance_rate: kpiSchema,
  active_students: kpiSchema,
  pending_submissions: kpiSchema,
  open_tickets: kpiSchema,
});

export type Kpi = z.infer<typeof kpiSchema>;
export type AdminStats = z.infer<typeof statsSchema>;
export type KpiKey = Exclude<keyof AdminStats, "as_of" | "timezone" | "currency">;

/** Reads get_admin_stats()'s JSON; raises UnexpectedAnswerError when its shape is not the documented one. */
export function parseAdminStats(json: unknown): AdminStats {
  const parsed = statsSchema.safeParse(json);
  if (!parsed.success) throw new UnexpectedAnswerError("the dashboard figures");
  return parsed.data;
}

export type TrendDirection = "up" | "down" | "flat" | "none";

export interface Trend {
  direction: TrendDirection;
  /** "+12%", "−3 pts", "new", or "" when there is nothing to compare with. */
  label: string;
}

/**
 * The change of the last 7 days against the 7 before. Rates (percentages) change in points;
 * counts and money in percent of the previous value. No previous value means no trend; a
 * previous zero with a positive value now is "new".
 */
export function trendOf(kpi: Kpi, unit: "count" | "percent"): Trend {
  const { value, previous } = kpi;
  if (value === null || previous === null) return { direction: "none", label: "" };
  const direction: TrendDirection = value > previous ? "up" : value < previous ? "down" : "flat";
  if (unit === "percent") {
    const points = Math.round((value - previous) * 10) / 10;
    return { direction, label: `${signed(points)} pts` };
  }
  if (previous === 0) return value === 0 ? { direction, label: "0%" } : { direction, label: "new" };
  return { direction, label: `${signed(Math.round(((value - previous) / previous) * 100))}%` };
}

function signed(n: number): string {
  if (n > 0) return `+${String(n)}`;
  if (n < 0) return `−${String(Math.abs(n))}`;
  return "0";
}

/** A KPI's value for a card: counts grouped the Indian way, rates with "%", money in ₹. */
export function formatKpiValue(value: number | null, unit: "count" | "percent" | "money", currency = "INR"): string {
  if (value === null) return "—";
  if (unit === "percent") return `${value.toLocaleString("en-IN", { maximumFractionDigits: 1 })}%`;
  if (unit === "money") return formatMoney(Math.round(value), currency);
  return value.toLocaleString("en-IN");
}

/** True when nothing has happened yet in the last two weeks: a fresh center. */
export function isQuietCenter(stats: AdminStats): boolean {
  const keys: KpiKey[] = ["new_leads", "conversions", "revenue_paise", "active_students"];
  return keys.every((key) => !stats[key].value && !stats[key].previous);
}

/** The calendar day `daysBack` days before `now` in `timeZone`, as YYYY-MM-DD. */
export function dayInZone(now: Date, timeZone: string, daysBack = 0): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  if (daysBack === 0) return parts;
  const [year, month, day] = parts.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - daysBack)).toISOString().slice(0, 10);
}

export const FUNNEL_STAGES = [
  { key: "leads", label: "Leads" },
  { key: "contacted", label: "Contacted" },
  { key: "interested", label: "Interested" },
  { key: "paid", label: "Paid" },
  { key: "attended", label: "Attended 75%" },
  { key: "certified", label: "Certified" },
] as const;

export type FunnelStage = (typeof FUNNEL_STAGES)[number]["key"];
export type FunnelRow = { source: string } & Record<FunnelStage, number>;

export const SOURCE_LABELS: Record<string, string> = {
  form: "Course page form",
  import: "CSV import",
  manual: "Added by hand",
  whatsapp: "WhatsApp",
  call: "Phone call",
};

/** The sources that brought at least one lead, largest first. */
export function activeSources(rows: FunnelRow[]): FunnelRow[] {
  return rows.filter((row) => row.leads > 0).sort((a, b) => b.leads - a.leads);
}

/** Each stage's count summed over sources, with its share of all leads. */
export function funnelTotals(rows: FunnelRow[]): { key: FunnelStage; label: string; count: number; percentOfLeads: number | null }[] {
  const leads = rows.reduce((sum, row) => sum + row.leads, 0);
  return FUNNEL_STAGES.map(({ key, label }) => {
    const count = rows.reduce((sum, row) => sum + row[key], 0);
    return { key, label, count, percentOfLeads: leads > 0 ? Math.round((count / leads) * 1000) / 10 : null };
  });
}

export interface ActivityItem {
  occurred_at: string;
  kind: string;
  title: string;
  detail: unknown;
  entity_table: string;
  entity_id: string;
}

function field(detail: unknown, name: string): unknown {
  return detail && typeof detail === "object" && !Array.isArray(detail) ? (detail as Record<string, unknown>)[name] : undefined;
}

function text(detail: unknown, name: string): string {
  const value = field(detail, name);
  return typeof value === "string" ? value : "";
}

/** One line saying what happened, e.g. "Payment of ₹12,000 via Instamojo". */
export function describeActivity(item: ActivityItem): string {
  const { detail } = item;
  switch (item.kind) {
    case "lead_created":
      return `New lead from ${SOURCE_LABELS[text(detail, "source")] ?? "an unknown source"}`;
    case "cta_submitted":
      return text(detail, "status") === "new" ? "Course form awaiting review" : `Course form ${text(detail, "status")}`;
    case "payment_received": {
      const amount = field(detail, "amount_paise");
      const money = typeof amount === "number" ? formatMoney(amount, text(detail, "currency") || "INR") : "A payment";
      const provider = text(detail, "provider");
      return provider ? `${money} received via ${provider === "phonepe" ? "PhonePe" : "Instamojo"}` : `${money} received`;
    }
    case "enrollment_activated":
      return `Enrolled in ${text(detail, "batch") || "a batch"}`;
    case "message_received": {
      const channel = text(detail, "channel");
      const who = text(detail, "party") === "parent" ? " from the parent" : "";
      const preview = text(detail, "preview");
      return `${channel === "whatsapp" ? "WhatsApp" : channel === "email" ? "Email" : "Message"}${who}${preview ? `: ${preview}` : ""}`;
    }
    case "submission_received":
      return `Submitted ${text(detail, "assignment") || "an assignment"}`;
    case "ticket_opened":
      return `Opened a ticket${text(detail, "subject") ? `: ${text(detail, "subject")}` : ""}`;
    case "certificate_issued":
      return `Certificate issued${text(detail, "course") ? ` for ${text(detail, "course")}` : ""}`;
    default:
      return item.kind.replaceAll("_", " ");
  }
}

/** Where an activity item leads in the admin area, when it has a page. */
export function activityLink(item: ActivityItem): string | null {
  if (item.entity_table === "leads") return "/admin/leads";
  if (item.entity_table === "cta_submissions") return "/admin/cta-review";
  if (item.entity_table === "payments") return "/admin/payments";
  if (item.entity_table === "crm_messages") return "/admin/inbox";
  return null;
}

export interface ActionCounts {
  newLeads: number;
  pendingReviews: number;
  unreadConversations: number;
  paymentsPending: number;
  deadMessages: number;
}

const ACTION_COUNT_KEYS = {
  newLeads: "new_leads",
  pendingReviews: "pending_reviews",
  unreadConversations: "unread_conversations",
  paymentsPending: "payments_pending",
  deadMessages: "dead_messages",
} as const satisfies Record<keyof ActionCounts, string>;

/** get_action_counts' JSON as counts; a count missing or not a whole number is an error, never a 0. */
export function parseActionCounts(data: unknown): ActionCounts {
  const source: Record<string, unknown> = typeof data === "object" && data !== null ? { ...data } : {};
  const entries = Object.entries(ACTION_COUNT_KEYS).map(([name, key]) => {
    const value = source[key];
    if (typeof value !== "number" || !Number.isInteger(value)) throw new Error(`The server sent no ${key.replaceAll("_", " ")} count.`);
    return [name, value] as const;
  });
  return Object.fromEntries(entries) as unknown as ActionCounts;
}
