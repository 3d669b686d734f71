import { describe, expect, it } from "vitest";
import { refundBody, refundSchema } from "./refund";
import { refundablePaise } from "./refundable";

describe("refunds", () => {
  it("refunds only what a paid payment still holds", () => {
    expect(refundablePaise({ status: "paid", received_paise: 499900, refunded_paise: 100000 })).toBe(399900);
    expect(refundablePaise({ status: "pending", received_paise: null, refunded_paise: 0 })).toBe(0);
    expect(refundablePaise({ status: "refunded", received_paise: 499900, refunded_paise: 499900 })).toBe(0);
  });

  it("refunds at most what a payment paid short received", () => {
    expect(refundablePaise({ status: "paid", received_paise: 400000, refunded_paise: 0 })).toBe(400000);
  });

  it("sends null for a full refund and paise for a part", () => {
    expect(refundBody({ kind: "full", amount: "12", reason: " Course cancelled " })).toEqual({ amount_paise: null, reason: "Course cancelled" });
    expect(refundBody({ kind: "part", amount: "1,000.50", reason: "Missed the first week" })).toEqual({ amount_paise: 100050, reason: "Missed the first week" });
  });

  it("wants a reason, and a part that is above zero and within what is left", () => {
    const schema = refundSchema(50000);
    expect(schema.safeParse({ kind: "part", amount: "500", reason: "Moved city" }).success).toBe(true);
    const tooMuch = schema.safeParse({ kind: "part", amount: "500.01", reason: "" });
    expect(tooMuch.error?.issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(["amount", "reason"]));
    expect(schema.safeParse({ kind: "part", amount: "0", reason: "Moved city" }).success).toBe(false);
    expect(schema.safeParse({ kind: "full", amount: "", reason: "Moved city" }).success).toBe(true);
  });
});
