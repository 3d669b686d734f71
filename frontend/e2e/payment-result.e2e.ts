import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, PHONE, screenshot, type Browser } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

describe("payment result page", () => {
  it("waits while the payment is pending and shows it paid once the service says so", async () => {
    // The URL claims success; the page believes only the service.
    const page = await browser.open("/pay/result?payment=pay_settles&payment_status=Credit");
    await page.getByRole("heading", { name: "Waiting for the payment to be confirmed" }).waitFor();
    await screenshot(page, "payment-pending-desktop");
    await page.getByRole("heading", { name: "Payment received" }).waitFor({ timeout: 15_000 });
    expect(await page.getByText("₹12,499").isVisible()).toBe(true);
    expect(await page.getByText("22 Nov 2026, 3:15 pm").isVisible()).toBe(true);
    expect(await page.getByText("RCT-2026-000042").isVisible()).toBe(true);
    await screenshot(page, "payment-paid-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "payment-paid-phone");
  });

  it("says when a payment failed", async () => {
    const page = await browser.open("/pay/result?payment=pay_failed");
    await page.getByRole("heading", { name: "The payment did not go through" }).waitFor();
  });

  it("explains an unknown reference and a missing one", async () => {
    const unknown = await browser.open("/pay/result?payment=pay_nobody");
    await unknown.getByText("We can't find this payment").waitFor();
    const missing = await browser.open("/pay/result");
    await missing.getByText("This link has no payment reference").waitFor();
  });
});
