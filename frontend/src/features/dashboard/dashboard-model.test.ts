import { describe, expect, it } from "vitest";
import { UnexpectedAnswerError } from "@/lib/service-error";
import {
  activeSources,
  activityLink,
  parseActionCounts,
  dayInZone,
  describeActivity,
  formatKpiValue,
  funnelTotals,
  isQuietCenter,
  parseAdminStats,
  trendOf,
  type FunnelRow,
} from "./dashboard-model";

const kpi = (value: number | null, previous: number | null = null) => ({ value, previous, daily: [] });

function statsJson(overrides: Record<string, unknown> = {}) {
  const zero = { value: 0, previous: 0, daily: [{ day: "2026-11-22", value: 0 }] };
  return {
    as_of: "2026-11-22T04:00:00Z",
    timezone: "Asia/Kolkata",
    currency: "INR",
    new_leads: zero,
    conversions: zero,
    conversion_rate: { value: null, previous: null, daily: [{ day: "2026-11-22", value: null }] },
    revenue_paise: zero,
    attendance_rate: zero,
    active_students: zero,
    pending_submissions: { value: 0, previous: null, daily: [] },
    open_tickets: { value: 0, previous: null, daily: [] },
    ...overrides,
  };
}

describe("parseAdminStats", () => {
  it("reads the RPC's documented shape, null rates included", () => {
    const stats = parseAdminStats(statsJson());
    expect(stats.timezone).toBe("Asia/Kolkata");
    expect(stats.conversion_rate.value).toBeNull();
  });

  it("refuses an answer missing a KPI", () => {
    const answer: Record<string, unknown> = statsJson();
    delete answer.new_leads;
    expect(() => parseAdminStats(answer)).toThrow(UnexpectedAnswerError);
  });
});

describe("trendOf", () => {
  it("gives counts a percent change against the week before", () => {
    expect(trendOf(kpi(12, 10), "count")).toEqual({ direction: "up", label: "+20%" });
    expect(trendOf(kpi(5, 10), "count")).toEqual({ direction: "down", label: "−50%" });
    expect(trendOf(kpi(10, 10), "count")).toEqual({ direction: "flat", label: "0%" });
  });

  it("gives rates a change in points", () => {
    expect(trendOf(kpi(42.5, 40), "percent")).toEqual({ direction: "up", label: "+2.5 pts" });
  });

  it("calls growth from zero new, and shows no trend without a previous week", () => {
    expect(trendOf(kpi(3, 0), "count")).toEqual({ direction: "up", label: "new" });
    expect(trendOf(kpi(3, null), "count")).toEqual({ direction: "none", label: "" });
    expect(trendOf(kpi(null, 40), "percent")).toEqual({ direction: "none", label: "" });
  });
});

describe("formatKpiValue", () => {
  it("groups digits the Indian way and shows money in rupees from paise", () => {
    expect(formatKpiValue(123456, "count")).toBe("1,23,456");
    expect(formatKpiValue(12345600, "money")).toBe("₹1,23,456");
    expect(formatKpiValue(37.5, "percent")).toBe("37.5%");
    expect(formatKpiValue(null, "percent")).toBe("—");
  });
});

describe("isQuietCenter", () => {
  it("is true for a center with nothing in two weeks and false once a lead arrived", () => {
    expect(isQuietCenter(parseAdminStats(statsJson()))).toBe(true);
    expect(isQuietCenter(parseAdminStats(statsJson({ new_leads: { value: 0, previous: 4, daily: [] } })))).toBe(false);
  });
});

describe("dayInZone", () => {
  it("takes the calendar day in the given zone, not in UTC", () => {
    const lateUtc = new Date("2026-11-21T20:00:00Z"); // 01:30 on the 22nd in India
    expect(dayInZone(lateUtc, "Asia/Kolkata")).toBe("2026-11-22");
    expect(dayInZone(lateUtc, "UTC")).toBe("2026-11-21");
  });

  it("counts days back across month ends", () => {
    expect(dayInZone(new Date("2026-12-01T06:00:00Z"), "Asia/Kolkata", 29)).toBe("2026-11-02");
  });
});

const row = (source: string, leads: number, paid: number): FunnelRow => ({
  source,
  leads,
  contacted: leads,
  interested: paid,
  paid,
  attended: 0,
  certified: 0,
});

describe("funnel", () => {
  it("keeps sources that brought leads, largest first", () => {
    expect(activeSources([row("form", 3, 1), row("call", 0, 0), row("import", 9, 0)]).map((r) => r.source)).toEqual(["import", "form"]);
  });

  it("sums stages over sources with their share of all leads", () => {
    const totals = funnelTotals([row("form", 3, 1), row("import", 1, 0)]);
    expect(totals[0]).toEqual({ key: "leads", label: "Leads", count: 4, percentOfLeads: 100 });
    expect(totals[3]).toEqual({ key: "paid", label: "Paid", count: 1, percentOfLeads: 25 });
    expect(funnelTotals([])[0]?.percentOfLeads).toBeNull();
  });
});

describe("activity", () => {
  const base = { occurred_at: "2026-11-22T04:00:00Z", title: "Asha", entity_id: "e1" };

  it("says what happened in words, money in rupees", () => {
    expect(describeActivity({ ...base, kind: "payment_received", entity_table: "payments", detail: { amount_paise: 1200000, currency: "INR", provider: "phonepe" } })).toBe(
      "₹12,000 received via PhonePe",
    );
    expect(describeActivity({ ...base, kind: "lead_created", entity_table: "leads", detail: { source: "form" } })).toBe("New lead from Course page form");
    expect(describeActivity({ ...base, kind: "message_received", entity_table: "crm_messages", detail: { channel: "whatsapp", party: "parent", preview: "Fees?" } })).toBe(
      "WhatsApp from the parent: Fees?",
    );
  });

  it("links leads to their page and events without a page to nothing", () => {
    expect(activityLink({ ...base, kind: "lead_created", entity_table: "leads", detail: {} })).toBe("/admin/leads");
    expect(activityLink({ ...base, kind: "certificate_issued", entity_table: "certificates", detail: {} })).toBeNull();
  });
});

describe("parseActionCounts", () => {
  it("reads the RPC's counts", () => {
    const data = { new_leads: 3, pending_reviews: 1, unread_conversations: 4, payments_pending: 2, dead_messages: 0 };
    expect(parseActionCounts(data)).toEqual({ newLeads: 3, pendingReviews: 1, unreadConversations: 4, paymentsPending: 2, deadMessages: 0 });
  });

  it("refuses an answer without a count rather than showing zero", () => {
    expect(() => parseActionCounts({ new_leads: 3 })).toThrow("The server sent no pending reviews count.");
    expect(() => parseActionCounts(null)).toThrow();
  });
});
