import { describe, expect, it } from "vitest";
import { paidFor, payableIds, shownPayments, STATUS_VIEW, type StudentPayment } from "./student-payments";

function row(id: string, status: StudentPayment["status"], facts: Partial<StudentPayment> = {}): StudentPayment {
  return {
    id,
    status,
    amount_paise: 1_250_000,
    refunded_paise: 0,
    currency: "INR",
    created_at: "2026-11-01T00:00:00Z",
    paid_at: null,
    receipt_number: null,
    receipt_path: null,
    batch_id: "b1",
    renews: null,
    link_closed_at: null,
    batch: { name: "January Weekend", status: "open", course: { title: "Young Founders" } },
    ...facts,
  };
}

describe("student payments", () => {
  it("names what a payment was for from its batch and course", () => {
    expect(paidFor({ batch: { name: "Evening", course: { title: "Spoken English" } } })).toBe("Spoken English · Evening");
    expect(paidFor({ batch: { name: "Evening", course: null } })).toBe("Evening");
    expect(paidFor({ batch: null })).toBe("Course fee");
  });

  it("hides a renewal that took no money and keeps one that did", () => {
    const rows = [row("first", "expired"), row("lapsed", "expired", { renews: "first" }), row("open", "created", { renews: "first" }), row("paying", "pending", { renews: "first" })];
    expect(shownPayments(rows).map((payment) => payment.id)).toEqual(["first", "paying"]);
  });

  it("offers to pay a link that took no money, even an expired or failed one: its page makes a fresh order", () => {
    expect(payableIds([row("c", "created", { batch_id: "b1" }), row("e", "expired", { batch_id: "b2" }), row("f", "failed", { batch_id: "b3" })])).toEqual(new Set(["c", "e", "f"]));
  });

  it.each(["paid", "refund_pending", "pending", "refunded"] as const)("offers no payment for a batch with a %s payment", (status) => {
    expect(payableIds([row("old", "expired"), row("other", status, { renews: "old" })])).toEqual(new Set());
    expect(payableIds([row("link", "created"), row("another", status)])).toEqual(new Set());
  });

  it("offers one payment per batch, the newest link's, and none for a batch that is over", () => {
    const older = row("older", "expired", { created_at: "2026-11-01T00:00:00Z" });
    const newer = row("newer", "created", { created_at: "2026-11-10T00:00:00Z" });
    const renewal = row("renewal", "created", { created_at: "2026-11-12T00:00:00Z", renews: "older" });
    expect(payableIds([older, newer, renewal])).toEqual(new Set(["newer"]));
    const over: StudentPayment = { ...newer, batch: { name: "Last year", status: "completed", course: null } };
    expect(payableIds([over])).toEqual(new Set());
  });

  it("offers no payment on a link the center closed", () => {
    expect(payableIds([row("closed", "expired", { link_closed_at: "2026-11-20T00:00:00Z" })])).toEqual(new Set());
  });

  it("says Paid for a paid payment", () => {
    expect(STATUS_VIEW.paid).toEqual({ label: "Paid", tone: "success" });
  });
});
