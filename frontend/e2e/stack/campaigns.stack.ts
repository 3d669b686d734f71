/** Bulk actions on the Leads list and the Campaigns page, against the seeded stack (RLS, service, worker). */
import { describe, expect, it } from "vitest";
import { PHONE, screenshot } from "../support/browser";
import { openAsAdmin, useBrowser } from "./harness";

const browser = useBrowser();

// Seeded leads: every fourth has the tag "parent-enquiry"; about one in six is lost.
const SEGMENT = "/admin/leads?tag=parent-enquiry&status=lost";

describe("acting on many leads", () => {
  it("tags every lead of a page after saying how many will be tagged", async () => {
    const page = await openAsAdmin(browser().open, SEGMENT);
    const rows = page.getByRole("checkbox", { name: /^Select (?!every)/ });
    await rows.first().waitFor();
    const count = await rows.count();
    await page.getByRole("checkbox", { name: "Select every lead on this page" }).click();
    await page.getByRole("region", { name: "Selected leads" }).getByText(`${count} leads selected.`).waitFor();
    await page.getByRole("button", { name: "Add tag" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tag").fill("stack-tagged");
    await dialog.getByText(`${count} of ${count} leads will be tagged.`).waitFor();
    await screenshot(page, "stack-bulk-tag-confirm");
    await dialog.getByRole("button", { name: "Add tag" }).click();
    await page.getByText(`${count} leads tagged “stack-tagged”`).first().waitFor();
    await page.goto(new URL("/admin/leads?tag=stack-tagged", page.url()).href);
    await rows.first().waitFor();
    expect(await rows.count()).toBe(count);
  });

  it("sends WhatsApp to every lead matching the filter, after counting who is left out", async () => {
    const page = await openAsAdmin(browser().open, "/admin/leads?status=lost");
    await page.getByRole("checkbox", { name: "Select every lead on this page" }).click();
    const widen = page.getByRole("button", { name: /^Select all \d+ leads matching the filter$/ });
    if (await widen.isVisible()) await widen.click();
    await page.getByRole("button", { name: "Send WhatsApp" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Template").click();
    await page.getByRole("option", { name: "Follow-up: the batch start date" }).click();
    const reach = dialog.getByTestId("reach");
    await reach.filter({ hasText: /will receive it/ }).waitFor();
    const [, reached, matched] = /^([\d,]+) of ([\d,]+) leads/.exec((await reach.textContent()) ?? "") ?? [];
    expect(Number(reached?.replace(/,/g, ""))).toBeLessThanOrEqual(Number(matched?.replace(/,/g, "")));
    await dialog.getByRole("button", { name: "Send" }).click();
    await page.getByText(`WhatsApp queued for ${reached ?? "?"} leads`).first().waitFor();
  });

  it("composes a campaign for a segment, previews who is left out, sends it and shows each message's status", async () => {
    const page = await openAsAdmin(browser().open, "/admin/campaigns");
    await page.getByRole("heading", { name: "New campaign" }).waitFor();
    await page.getByLabel("Status").click();
    await page.getByRole("option", { name: "Lost" }).click();
    await page.getByLabel("Tag").fill("parent-enquiry");
    await page.getByLabel("Campaign name").fill("Stack: lost parents");
    const reach = page.getByTestId("reach");
    await reach.filter({ hasText: /will receive it/ }).waitFor();
    await page.getByRole("region", { name: "Recipients" }).getByRole("listitem").first().waitFor();
    await screenshot(page, "stack-campaign-compose-desktop");
    await page.getByRole("button", { name: "Send campaign" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Send now" }).click();
    await page.waitForURL(/\/admin\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Stack: lost parents" }).waitFor();
    await page.getByRole("table").getByText(/^(Queued|Sent|Delivered|Read)$/).first().waitFor();
    // The worker sends through the sandbox, whose callbacks move statuses on; Realtime shows them.
    await page.getByRole("table").getByText(/^(Sent|Delivered|Read)$/).first().waitFor({ timeout: 60_000 });
    await screenshot(page, "stack-campaign-detail-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "stack-campaign-detail-phone");
    await page.goto(new URL("/admin/campaigns", page.url()).href);
    await page.getByRole("link", { name: "Stack: lost parents" }).waitFor();
  });
});
