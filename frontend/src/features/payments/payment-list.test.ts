import { describe, expect, it } from "vitest";
import { payerOf, periodStart, shortfallOf, totalsOf } from "./payment-list";

describe("periodStart", () => {
  const now = new Date("2026-11-22T05:00:00Z");
  it("goes back whole days from now, or nowhere for all time", () => {
    expect(periodStart("7d", now)).toBe("2026-11-15T05:00:00.000Z");
    expect(periodStart("90d", now)).toBe("2026-08-24T05:00:00.000Z");
    expect(periodStart("all", now)).toBeNull();
  });
});

describe("payerOf", () => {
  it("prefers the student and falls back to the lead", () => {
    expect(payerOf({ profile: { full_name: "Ravi K", email: null }, lead: { full_name: "Ravi" } })).toEqual({ name: "Ravi K", kind: "Student" });
    expect(payerOf({ profile: { full_name: null, email: "ravi@example.test" }, lead: null })).toEqual({ name: "ravi@example.test", kind: "Student" });
    expect(payerOf({ profile: null, lead: { full_name: "Meera" } })).toEqual({ name: "Meera", kind: "Lead" });
    expect(payerOf({ profile: null, lead: null })).toEqual({ name: "Unnamed lead", kind: "Lead" });
  });
});

describe("totalsOf", () => {
  it("keeps money net of refunds and counts open links as pending", () => {
    const totals = totalsOf([
      { status: "paid", amount_paise: 1_200_000, received_paise: 1_200_000, refunded_paise: 0 },
      { status: "refunded", amount_paise: 500_000, received_paise: 500_000, refunded_paise: 200_000 },
      { status: "pending", amount_paise: 300_000, received_paise: null, refunded_paise: 0 },
      { status: "created", amount_paise: 100_000, received_paise: null, refunded_paise: 0 },
      { status: "failed", amount_paise: 100_000, received_paise: null, refunded_paise: 0 },
      { status: "expired", amount_paise: 900_000, received_paise: null, refunded_paise: 0 },
    ]);
    expect(totals).toEqual({
      collectedPaise: 1_500_000,
      paidCount: 2,
      pendingPaise: 400_000,
      pendingCount: 2,
      refundedPaise: 200_000,
      failedCount: 1,
    });
  });

  it("keeps a payment whose refund is not confirmed yet as collected", () => {
    const totals = totalsOf([{ status: "refund_pending", amount_paise: 1_200_000, received_paise: 1_200_000, refunded_paise: 0 }]);
    expect(totals.collectedPaise).toBe(1_200_000);
    expect(totals.paidCount).toBe(1);
  });
});

describe("a payment paid short", () => {
  const short = { status: "paid", amount_paise: 1_250_000, received_paise: 1_000_000, refunded_paise: 0 } as const;

  it("counts what it received, not what it asked", () => {
    expect(totalsOf([short]).collectedPaise).toBe(1_000_000);
  });

  it("says what it received and what is missing while it is held", () => {
    expect(shortfallOf(short)).toEqual({ receivedPaise: 1_000_000, missingPaise: 250_000 });
    expect(shortfallOf({ ...short, received_paise: 1_250_000 })).toBeNull();
    expect(shortfallOf({ ...short, status: "refunded" })).toBeNull();
    expect(shortfallOf({ status: "created", amount_paise: 1_250_000, received_paise: null })).toBeNull();
  });
});
