import { describe, expect, it } from "vitest";
import { nextCheckDelay, paymentOutcome, paymentStatusSchema, referenceFrom } from "./payment-status";

describe("paymentStatusSchema", () => {
  it("accepts the service's answer and refuses an unknown status", () => {
    const answer = { reference: "pay_123", status: "paid", amount_paise: 4_999_00, currency: "INR", description: "Python Basics", paid_at: "2026-11-22T10:00:00Z", receipt_number: "RCT-2026-000042" };
    expect(paymentStatusSchema.parse(answer)).toEqual(answer);
    expect(paymentStatusSchema.parse({ ...answer, status: "failed", pay_again: "link-1" }).pay_again).toBe("link-1");
    expect(paymentStatusSchema.safeParse({ ...answer, status: "success" }).success).toBe(false);
    expect(paymentStatusSchema.safeParse({ ...answer, amount_paise: 4999.5 }).success).toBe(false);
  });
});

describe("paymentOutcome", () => {
  it("treats an unpaid link as pending and keeps the rest", () => {
    expect(paymentOutcome("created")).toBe("pending");
    expect(paymentOutcome("pending")).toBe("pending");
    expect(paymentOutcome("paid")).toBe("paid");
    expect(paymentOutcome("failed")).toBe("failed");
    expect(paymentOutcome("expired")).toBe("expired");
    expect(paymentOutcome("refunded")).toBe("refunded");
  });
});

describe("nextCheckDelay", () => {
  it("checks often at first, then less, then stops after about ten minutes", () => {
    expect(nextCheckDelay(0)).toBe(2_000);
    expect(nextCheckDelay(29)).toBe(2_000);
    expect(nextCheckDelay(30)).toBe(10_000);
    expect(nextCheckDelay(83)).toBe(10_000);
    expect(nextCheckDelay(84)).toBe(false);
    const total = Array.from({ length: 84 }, (_, checks) => nextCheckDelay(checks)).reduce<number>((sum, delay) => sum + (delay || 0), 0);
    expect(total).toBe(600_000);
  });
});

describe("referenceFrom", () => {
  it("reads a plain reference and refuses anything else", () => {
    expect(referenceFrom("?payment=pay_8f3K-21")).toBe("pay_8f3K-21");
    expect(referenceFrom("?payment=%20pay_1%20")).toBe("pay_1");
    expect(referenceFrom("?payment_status=Credit")).toBeNull();
    expect(referenceFrom("?payment=../admin")).toBeNull();
    expect(referenceFrom(`?payment=${"x".repeat(101)}`)).toBeNull();
  });
});
