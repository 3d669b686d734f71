/** The admin's lead work on the seeded stack: CTA review, a lead's detail page, its composer and payment link. */
import type { Page } from "playwright-core";
import { describe, expect, it, onTestFailed } from "vitest";
import { PHONE, screenshot } from "../support/browser";
import { demoId, reachableInterestedLead } from "./demo-center";
import { DEMO_ADMIN, LONG_FLOW, signIn, useBrowser } from "./harness";

// A bound on one step of a hung page under load, never an assertion about speed.
const STEP_MS = 30_000;
const browser = useBrowser();

async function adminAt(path: string): Promise<Page> {
  const page = await browser().open(`/sign-in?next=${encodeURIComponent(path)}`);
  // A step that never happens fails with the locator it waited for, well within the test's bound.
  page.setDefaultTimeout(STEP_MS);
  onTestFailed(async ({ task }) => {
    await screenshot(page, `stack-failed-${task.name.slice(0, 40).replaceAll(" ", "-")}`);
  });
  await signIn(page, DEMO_ADMIN);
  await page.waitForURL((url) => url.pathname === path.split("?")[0]);
  return page;
}

/**
 * Waits for a toast by its title. Not by role: Radix's announcement is short-lived, and an open modal
 * hides the notifications region from the accessibility tree while it is open.
 */
async function toast(page: Page, title: string) {
  await page.getByText(title, { exact: true }).first().waitFor();
}

describe("an admin working leads on the local stack", () => {
  it("approves a pending course-page form, which leaves the review list", async () => {
    const page = await adminAt("/admin/today");
    await page.getByRole("link", { name: "CTA review" }).first().click();
    await page.getByRole("heading", { name: "CTA review", level: 1 }).waitFor();
    const forms = page.getByRole("list", { name: "Forms waiting for review" });
    const name = (await forms.getByRole("heading").first().textContent())?.trim() ?? "";
    expect(name).not.toBe("");
    await screenshot(page, "stack-cta-review-desktop");
    await page.getByRole("button", { name: `Approve ${name}`, exact: true }).click();
    await toast(page, "Approved — welcome sequence started");
    await page.getByRole("button", { name: `Approve ${name}`, exact: true }).waitFor({ state: "detached" });
    await page.setViewportSize(PHONE);
    await screenshot(page, "stack-cta-review-phone");
  }, LONG_FLOW);

  it("opens a lead from the list and changes its status and tags, with a note another tab sees live", async () => {
    const lead = reachableInterestedLead();
    const page = await adminAt(`/admin/leads?q=${lead.phone.slice(1)}`);
    const row = page.getByRole("table").getByRole("link").first();
    const name = (await row.textContent())?.trim() ?? "";
    await row.click();
    await page.waitForURL(new RegExp(`/admin/leads/${lead.id}$`));
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    await page.getByText(/^Status: /).waitFor();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByText("WhatsApp", { exact: true }).first().waitFor();
    expect(await timeline.getByRole("listitem").count()).toBeGreaterThan(1);

    const other = await browser().open(`/admin/leads/${lead.id}`);
    other.setDefaultTimeout(STEP_MS);
    await other.getByRole("region", { name: "Timeline" }).getByRole("listitem").first().waitFor();

    await page.getByLabel("Change status").selectOption("payment_sent");
    await toast(page, "Status changed");
    await page.getByText("Status: Payment sent").waitFor();

    await page.getByLabel("New tag").fill("Weekend batch");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("list", { name: "Tags" }).getByText("weekend-batch").waitFor();
    await page.getByRole("button", { name: "Remove tag weekend-batch" }).click();
    await toast(page, 'Tag "weekend-batch" removed');

    const note = `Called back about fees ${String(Date.now())}`;
    await page.getByLabel("Internal note").fill(note);
    await page.getByRole("button", { name: "Add note" }).click();
    await timeline.getByText(note).waitFor();
    await other.getByRole("region", { name: "Timeline" }).getByText(note).waitFor();
    await other.close();
    await screenshot(page, "stack-lead-detail-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "stack-lead-detail-phone");
  }, LONG_FLOW);

  it("sends a WhatsApp template when the window is closed, an email, an AI call and a payment link", async () => {
    const lead = reachableInterestedLead();
    const page = await adminAt(`/admin/leads/${lead.id}`);
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByRole("listitem").first().waitFor();
    // The stack's worker sends at once, so a new message may already read Sent (or further) by the check.
    const outbound = timeline.getByText(/^(Queued|Sent|Delivered|Read)$/);
    const before = await outbound.count();

    await page.getByRole("tab", { name: "WhatsApp" }).click();
    await page.getByText("WhatsApp's 24-hour window is closed").waitFor();
    await page.getByLabel("Template").selectOption("follow_up_day_3");
    await page.getByRole("button", { name: "Send template" }).click();
    await toast(page, "WhatsApp queued");

    await page.getByRole("tab", { name: "Email" }).click();
    await page.getByRole("button", { name: "Send email" }).click();
    await page.getByText("Give the email a subject.").waitFor();
    await page.getByLabel("Subject", { exact: true }).fill("Weekend batch fees");
    await page.getByLabel("Message", { exact: true }).fill("The weekend batch costs the same; the link follows.");
    await page.getByRole("button", { name: "Send email" }).click();
    await toast(page, "Email queued");
    await expect.poll(() => outbound.count()).toBe(before + 2);

    await page.getByRole("button", { name: "Start AI call" }).click();
    await page.getByRole("button", { name: "Start the call" }).click();
    await toast(page, "AI call queued");

    await page.getByRole("button", { name: "Send payment link" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a payment link" });
    await dialog.getByLabel("Batch").waitFor();
    await dialog.getByText("The payer is asked for ₹4,999").waitFor();
    await dialog.getByLabel("Discount").check();
    await dialog.getByLabel("Discount in ₹").fill("500");
    await dialog.getByRole("button", { name: "Create and send" }).click();
    await dialog.getByText("Say why the price differs from the course's.").waitFor();
    await dialog.getByLabel("Reason").fill("Sibling already enrolled");
    await dialog.getByText("The payer is asked for ₹4,499").waitFor();
    await screenshot(page, "stack-payment-link-desktop");
    await dialog.getByRole("button", { name: "Create and send" }).click();
    await toast(page, "Payment link sent");
    await dialog.getByText("Payment link created").waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();
    await timeline.getByText("₹4,499", { exact: true }).last().waitFor();
  }, LONG_FLOW);

  it("replies from the Inbox thread with the same composer", async () => {
    const lead = reachableInterestedLead();
    const page = await adminAt(`/admin/inbox/${demoId(`conversation-${lead.id}`)}`);
    await page.getByRole("heading", { name: "Reply" }).waitFor();
    await page.getByRole("button", { name: "Start AI call" }).waitFor();
    await page.getByRole("tab", { name: "WhatsApp" }).click();
    await page.getByLabel("Template").waitFor();
    await page.getByRole("tab", { name: "Email" }).click();
    await page.getByLabel("Subject", { exact: true }).fill("Your seat");
    const reply = `We are holding a seat for you until Friday (${String(Date.now())}).`;
    await page.getByLabel("Message", { exact: true }).fill(reply);
    await page.getByRole("button", { name: "Send email" }).click();
    await toast(page, "Email queued");
    await page.getByRole("list", { name: "Timeline" }).getByText(reply).waitFor();
  }, LONG_FLOW);
});
