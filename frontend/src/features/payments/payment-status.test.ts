import { describe, expect, it } from "vitest";
import { nextCheckDelay, paymentOutcome, paymentPurpose, paymentStatusSchema, referenceFrom } from "./payment-status";

describe("paymentStatusSchema", () => {
  it("accepts the service's answer and refuses an unknown status", () => {
    const answer = { status: "paid", amount_paise: 4_999_00, amount: "₹4,999", course: "Python Basics", batch: "Evening", receipt_number: "RCT-2026-000001" };
    expect(paymentStatusSchema.parse(answer)).toEqual({
      status: "paid",
      amount_paise: 4_999_00,
      currency: "INR",
      course: "Python Basics",
      batch: "Evening",
      receipt_number: "RCT-2026-000001",
    });
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
    expect(paymentOutcome("refunded")).toBe("refunded");
    expect(paymentOutcome("expired")).toBe("failed");
  });
});

describe("paymentPurpose", () => {
  it("names the course and batch, else the description", () => {
    expect(paymentPurpose({ course: "Python Basics", batch: "Evening" })).toBe("Python Basics · Evening");
    expect(paymentPurpose({ description: "Fee" })).toBe("Fee");
    expect(paymentPurpose({})).toBeNull();
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
    expect(referenceFrom("?reference=pay_8f3K-21")).toBe("pay_8f3K-21");
    expect(referenceFrom("?payment=7d0c9a4e-1b2f-4c3d-9e8f-0a1b2c3d4e5f")).toBe("7d0c9a4e-1b2f-4c3d-9e8f-0a1b2c3d4e5f");
    expect(referenceFrom("?reference=%20pay_1%20")).toBe("pay_1");
    expect(referenceFrom("?payment_status=Credit")).toBeNull();
    expect(referenceFrom("?reference=../admin")).toBeNull();
    expect(referenceFrom(`?reference=${"x".repeat(101)}`)).toBeNull();
  });
});
