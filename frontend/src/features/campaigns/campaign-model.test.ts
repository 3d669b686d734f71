import { describe, expect, it } from "vitest";
import { callOutcome, EMPTY_SEGMENT, leadOf, segmentFilter, statusLabel, statusTotals, templateLabel } from "./campaign-model";

describe("statusTotals", () => {
  it("lists every status, zero when absent, with bounces counted as failures", () => {
    expect(statusTotals([{ status: "delivered", messages: 4 }, { status: "bounced", messages: 1 }, { status: "failed", messages: 2 }])).toEqual({
      queued: 0,
      sent: 0,
      delivered: 4,
      read: 0,
      failed: 3,
    });
  });
});

describe("statusLabel", () => {
  it("names a failure's reason", () => {
    expect(statusLabel("failed", "number not on WhatsApp")).toBe("Failed: number not on WhatsApp");
    expect(statusLabel("bounced", null)).toBe("Failed");
    expect(statusLabel("read", null)).toBe("Read");
  });
});

describe("segmentFilter", () => {
  const dayStart = (day: string, nextDay = false) => `${day}${nextDay ? "+1" : ""}`;

  it("leaves out what is empty", () => {
    expect(segmentFilter(EMPTY_SEGMENT, dayStart)).toEqual({});
  });

  it("keeps what is set, trims the tag, and ends the range after its last day", () => {
    const segment = { ...EMPTY_SEGMENT, courseId: "c1", status: "new", tag: " python ", source: "import", from: "2026-11-01", to: "2026-11-02" };
    expect(segmentFilter(segment, dayStart)).toEqual({
      course_id: "c1",
      status: "new",
      tag: "python",
      source: "import",
      created_from: "2026-11-01",
      created_to: "2026-11-02+1",
    });
  });
});

describe("templateLabel", () => {
  it("falls back to the template's name", () => {
    expect(templateLabel("call", "welcome")).toBe("Welcome call about their course");
    expect(templateLabel("email", "other")).toBe("other");
  });
});

describe("leadOf and callOutcome", () => {
  const lead = { id: "l1", full_name: "Asha", email: null, phone: "+919800000001" };

  it("read one-to-one embeds as objects or one-row lists", () => {
    expect(leadOf({ conversation: { lead }, call: null })).toEqual(lead);
    expect(leadOf({ conversation: [{ lead: [lead] }], call: null })).toEqual(lead);
    expect(leadOf({ conversation: null, call: null })).toBeNull();
  });

  it("says how a call went, or that it has not started", () => {
    expect(callOutcome({ conversation: null, call: null })).toBe("Not started");
    const call = { status: "completed", duration_seconds: 125, disposition: "interested", summary: "wants the weekend batch" };
    expect(callOutcome({ conversation: null, call: [call] })).toBe("Completed, 2 min 5 s — interested: wants the weekend batch");
    expect(callOutcome({ conversation: null, call: { ...call, status: "no_answer", duration_seconds: null, disposition: null, summary: null } })).toBe("No answer");
  });
});
