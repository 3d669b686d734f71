/** The CSV import wizard on the stack: POST /admin/lead-imports, the worker, lead_imports by Realtime. */
import { describe, expect, it } from "vitest";
import { PHONE, screenshot } from "../support/browser";
import { openAsAdmin, useBrowser } from "./harness";

const browser = useBrowser();

const CSV = ["Name,Mobile,E-mail,Town", "Stack Import One,+91 98111 00001,one@stack.example,Pune", "Stack Import Two,9811100002,two@stack.example,Nashik", "Bad Row,12,not-an-email,Pune", ""].join("\n");

describe("importing leads from a CSV file", () => {
  it("uploads, recognizes the columns, previews, imports with progress and offers the error report", async () => {
    const page = await openAsAdmin(browser().open, "/admin/leads");
    await page.getByRole("link", { name: "Import CSV" }).click();
    await page.getByRole("heading", { name: "Import leads from a CSV file" }).waitFor();
    await page.getByLabel("CSV file").setInputFiles({ name: "stack-leads.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("heading", { name: "What the file holds" }).waitFor({ timeout: 60_000 });
    await page.getByRole("combobox", { name: "Column “Mobile”" }).filter({ hasText: "Phone" }).waitFor();
    await page.getByRole("region", { name: "First rows" }).getByText("Stack Import Two").waitFor();
    await screenshot(page, "stack-import-preview-desktop");
    await page.getByRole("button", { name: /^Import 2 leads$/ }).click();
    await page.getByText("Import finished").waitFor({ timeout: 60_000 });
    expect(await page.getByText(/2 new leads, 0 merged into existing leads, 1 rows rejected/).isVisible()).toBe(true);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /Download the error report/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    await page.setViewportSize(PHONE);
    await screenshot(page, "stack-import-done-phone");
  });
});

describe("choosing the file to import", () => {
  it("refuses a file that is not a CSV before uploading anything", async () => {
    const page = await openAsAdmin(browser().open, "/admin/leads/import");
    await page.getByLabel("CSV file").setInputFiles({ name: "leads.xlsx", mimeType: "application/vnd.ms-excel.sheet", buffer: Buffer.from("x") });
    await page.getByText("“leads.xlsx” is not a CSV file.", { exact: false }).waitFor();
  });
});
