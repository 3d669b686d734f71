import { describe, expect, it } from "vitest";
import { checkoutSchema, linkFrom, linkPageUrl } from "./payment-checkout";

const SHOWN = { link: "l-1", amount: "₹12,500", amount_paise: 1_250_000, currency: "INR", course: "Young Founders", batch: "January Weekend", center: null };

describe("checkoutSchema", () => {
  it("reads each state the service answers with", () => {
    expect(checkoutSchema.parse({ ...SHOWN, state: "checkout", url: "https://sandbox.test/c/1" }).state).toBe("checkout");
    expect(checkoutSchema.parse({ ...SHOWN, state: "in_progress", payment: "p-2" }).state).toBe("in_progress");
    expect(checkoutSchema.parse({ ...SHOWN, state: "preparing", retry_after: 2 }).state).toBe("preparing");
    expect(checkoutSchema.parse({ ...SHOWN, state: "closed", reason: "withdrawn", message: "This offer is no longer open." }).state).toBe("closed");
  });

  it("refuses a checkout that is not a web address, and an unknown state", () => {
    expect(checkoutSchema.safeParse({ ...SHOWN, state: "checkout", url: "javascript:alert(1)" }).success).toBe(false);
    expect(checkoutSchema.safeParse({ ...SHOWN, state: "lapsed" }).success).toBe(false);
  });
});

describe("linkFrom", () => {
  it("reads a payment id and refuses anything else", () => {
    expect(linkFrom("8B0C7F4E-2F7A-4F55-9D61-0C3F1F0B9A10")).toBe("8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10");
    expect(linkFrom("result")).toBeNull();
    expect(linkFrom("8b0c7f4e-2f7a-4f55-9d61")).toBeNull();
    expect(linkFrom(undefined)).toBeNull();
  });
});

describe("linkPageUrl", () => {
  it("is the app's /pay/<link> page", () => {
    expect(linkPageUrl("https://app.example", "l-1")).toBe("https://app.example/pay/l-1");
  });
});
