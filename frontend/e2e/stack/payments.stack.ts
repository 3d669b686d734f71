import { describe, expect, inject, it } from "vitest";
import { reachableInterestedLeads } from "./demo-center";
import { LONG_FLOW, openAsAdmin, screenshots, useBrowser } from "./harness";

const browser = useBrowser();

describe("the admin Payments page's links, refunds and paid students on the local stack", () => {
  it("finds a lead by phone, sends them a payment link and lists it as awaiting payment; the link opens the sandbox's checkout until the admin closes it", { timeout: LONG_FLOW }, async () => {
    // Not the first reachable lead: the lead-work tests change that one.
    const lead = reachableInterestedLeads()[1];
    if (!lead) throw new Error("the seed has fewer than two reachable interested leads");
    const page = await openAsAdmin(browser().open, "/admin/payments");
    const table = page.getByRole("table", { name: /^Payments, / });
    await table.getByRole("row").nth(1).waitFor();

    await page.getByRole("button", { name: "New payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a payment link" });
    const search = dialog.getByRole("combobox", { name: "Lead or student" });
    await search.fill("zzqx");
    await dialog.getByText('No lead or student matches "zzqx".', { exact: false }).waitFor();
    await search.fill(lead.phone.slice(3));
    const option = dialog.getByRole("option");
    await option.first().waitFor();
    expect(await option.count()).toBe(1);
    const name = (await option.locator("span").first().textContent())?.trim() ?? "";
    expect(name).not.toBe("");
    // A new link reads "Link created" until the payer starts paying.
    const rows = table.getByRole("row").filter({ hasText: name }).filter({ hasText: "Link created" });
    const openBefore = await rows.count();
    await screenshots(page, "new-payment-link-search");

    await search.press("ArrowDown");
    await search.press("Enter");
    await dialog.getByText(`To ${name}, by email and WhatsApp.`).waitFor();
    await dialog.getByText("The payer is asked for ₹4,999").waitFor();
    await dialog.getByRole("button", { name: "Create and send" }).click();
    await page.getByText("Payment link sent", { exact: true }).waitFor();
    const link = dialog.getByRole("link", { name: /^https?:\/\// });
    await link.waitFor({ timeout: 60_000 });
    // The admin copies the link's page (decision 0666), which outlives the provider's order.
    const linkPage = (await link.getAttribute("href")) ?? "";
    expect(linkPage).toMatch(new RegExp(`^${inject("appUrl")}/pay/[0-9a-f-]{36}$`));
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(openBefore + 1);

    // This browser is signed in as the admin: the page asks before acting as the payer (decision 0866).
    const payer = await browser().open(new URL(linkPage).pathname);
    await payer.getByRole("heading", { name: "This is the payer's page" }).waitFor({ timeout: 60_000 });
    await payer.getByRole("button", { name: "Open the checkout anyway" }).click();
    await payer.waitForURL((url) => url.href.startsWith(inject("sandboxUrl")), { timeout: 60_000 });
    await payer.getByRole("button", { name: "Pay ₹4,999.00" }).waitFor();

    // The admin closes it from the lead's timeline; the link's page then takes no payment (decision 0666).
    const leadPage = page;
    await leadPage.goto(new URL(`/admin/leads/${lead.id}`, page.url()).href);
    const entry = leadPage.locator("article").filter({ has: leadPage.getByRole("link", { name: linkPage }) });
    await entry.getByRole("button", { name: "Close link" }).click();
    const confirm = leadPage.getByRole("dialog", { name: "Close this payment link?" });
    await confirm.getByLabel("Reason (optional)").fill("Joining the next batch instead");
    await confirm.getByRole("button", { name: "Close link" }).click();
    await confirm.waitFor({ state: "detached" });
    await leadPage.getByText("Link closed", { exact: true }).first().waitFor();
    const closed = await browser().open(new URL(linkPage).pathname);
    await closed.getByRole("button", { name: "Open the checkout anyway" }).click({ timeout: 60_000 });
    await closed.getByRole("heading", { name: "This link no longer takes payment" }).waitFor({ timeout: 60_000 });
    await closed.getByText("The center closed this payment link.", { exact: false }).waitFor();
  });

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
