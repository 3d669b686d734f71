import { describe, expect, it } from "vitest";
import { batchCards, canJoin, nextSteps, type EnrolledBatch, type OpenPayment, type UpcomingSession } from "./student-portal";

const NOW = new Date("2026-11-22T06:00:00Z");

function enrollment(id: string, status: EnrolledBatch["status"], startsOn: string): EnrolledBatch {
  return {
    enrollmentId: `e-${id}`,
    status,
    batch: { id, name: `Batch ${id}`, starts_on: startsOn, ends_on: null, timezone: "Asia/Kolkata", course: { title: `Course ${id}`, slug: id } },
  };
}

function session(id: string, batchId: string, startsAt: string, minutes = 60): UpcomingSession {
  return { id, batch_id: batchId, title: id, starts_at: startsAt, duration_minutes: minutes, status: "scheduled", join_url: "https://zoom.test/j/1" };
}

function payment(id: string, status: OpenPayment["status"], batchId: string): OpenPayment {
  return { id, status, amount_paise: 499900, currency: "INR", batch_id: batchId, renews: null, link_closed_at: null, created_at: "2026-11-01T00:00:00Z", batch: { status: "open" } };
}

describe("batchCards", () => {
  it("gives each active or finished batch its earliest session that has not ended, active batches first", () => {
    const cards = batchCards(
      [enrollment("old", "completed", "2026-01-01"), enrollment("b", "active", "2026-11-01"), enrollment("p", "pending", "2026-12-01")],
      [
        session("later", "b", "2026-11-25T10:00:00Z"),
        session("ended", "b", "2026-11-22T04:00:00Z"),
        session("running", "b", "2026-11-22T05:30:00Z"),
      ],
      NOW,
    );
    expect(cards.map((card) => [card.batch, card.finished, card.nextSession?.id ?? null])).toEqual([
      ["Batch b", false, "running"],
      ["Batch old", true, null],
    ]);
    expect(cards[0]?.course).toBe("Course b");
  });

  it("leaves out enrollments whose batch the student cannot read", () => {
    expect(batchCards([{ enrollmentId: "x", status: "active", batch: null }], [], NOW)).toEqual([]);
  });
});

describe("canJoin", () => {
  it("opens 15 minutes before the start and closes at the end", () => {
    expect(canJoin(session("s", "b", "2026-11-22T06:14:00Z"), NOW)).toBe(true);
    expect(canJoin(session("s", "b", "2026-11-22T06:16:00Z"), NOW)).toBe(false);
    expect(canJoin(session("s", "b", "2026-11-22T05:00:00Z", 60), NOW)).toBe(false);
    expect(canJoin({ ...session("s", "b", "2026-11-22T06:00:00Z"), join_url: null }, NOW)).toBe(false);
  });
});

describe("nextSteps", () => {
  it("puts open payment links first, then a missing phone, consents and the next session", () => {
    const cards = batchCards([enrollment("b", "active", "2026-11-01")], [session("next", "b", "2026-11-23T10:00:00Z")], NOW);
    const steps = nextSteps({
      payments: [
        payment("p1", "created", "b-open"),
        payment("p2", "paid", "b-paid"),
        payment("p3", "expired", "b-paid"),
      ],
      phone: null,
      consentCount: 0,
      cards,
    });
    expect(steps.map((step) => step.kind)).toEqual(["pay", "add-phone", "consents", "first-session"]);
    expect(steps[0]).toEqual({ kind: "pay", paymentId: "p1", amountPaise: 499900, currency: "INR" });
  });

  it("has nothing to ask of a student who has paid, has a phone and answered", () => {
    expect(nextSteps({ payments: [], phone: "+919876543210", consentCount: 3, cards: [] })).toEqual([]);
  });
});
