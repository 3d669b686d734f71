import { describe, expect, it } from "vitest";
import { LONG_FLOW, openAsAdmin, screenshots, useBrowser } from "./harness";

const browser = useBrowser();

describe("the admin Payments page's refunds and paid students on the local stack", () => {
  it("lists the students whom a payment enrolled, with their batch and course", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/payments");
    await page.getByRole("tab", { name: "Paid students" }).click();
    const table = page.getByRole("table", { name: /Students enrolled by a payment/ });
    const row = table.getByRole("row", { name: /Meera Singh/ });
    await row.waitFor();
    expect(await row.getByText("Spoken English · Evening").isVisible()).toBe(true);
    expect(await row.getByText("Spoken English Foundation").isVisible()).toBe(true);
    expect(await row.getByText("₹4,999").isVisible()).toBe(true);
    await screenshots(page, "paid-students");
  });

  it("checks a refund request before sending it", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/payments");
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "paid" }).click();
    const refund = page.getByRole("button", { name: /^Refund / }).first();
    await refund.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/Everything that is left: ₹/).waitFor();
    await dialog.getByLabel("Part of it").check();
    await dialog.getByLabel("Amount to refund (₹)").fill("1,00,000");
    await dialog.getByRole("button", { name: "Request refund" }).click();
    await dialog.getByText("Enter an amount above ₹0 and no more than what can still be refunded.").waitFor();
    await dialog.getByText("Say why, in 3 to 500 characters; the student may see it.").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
  });
});
