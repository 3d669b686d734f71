import { describe, expect, it } from "vitest";
import { canPay, paidFor, STATUS_VIEW } from "./student-payments";

describe("student payments", () => {
  it("names what a payment was for from its batch and course", () => {
    expect(paidFor({ batch: { name: "Evening", course: { title: "Spoken English" } } })).toBe("Spoken English · Evening");
    expect(paidFor({ batch: { name: "Evening", course: null } })).toBe("Evening");
    expect(paidFor({ batch: null })).toBe("Course fee");
  });

  it("offers to pay only open links", () => {
    expect(canPay({ status: "created", payment_url: "https://pay.test" })).toBe(true);
    expect(canPay({ status: "pending", payment_url: null })).toBe(false);
    expect(canPay({ status: "paid", payment_url: "https://pay.test" })).toBe(false);
  });

  it("says Paid for a paid payment", () => {
    expect(STATUS_VIEW.paid).toEqual({ label: "Paid", tone: "success" });
  });
});
