import { describe, expect, it } from "vitest";
import { LONG_FLOW, openAsAdmin, screenshots, useBrowser } from "./harness";

const browser = useBrowser();

describe("the admin Courses & batches page on the local stack", () => {
  it("creates a course and a batch, publishes, and deletes the batch again", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/courses");
    await page.getByRole("heading", { name: "Spoken English Foundation" }).waitFor();

    await page.getByRole("button", { name: "New course" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Title").fill("Python for Teens");
    expect(await dialog.getByLabel("Web address (slug)").inputValue()).toBe("python-for-teens");
    await dialog.getByLabel("Fee (₹)").fill("abc");
    await dialog.getByRole("button", { name: "Create course" }).click();
    await dialog.getByText("Enter the fee in rupees").waitFor();
    await dialog.getByLabel("Fee (₹)").fill("12,500.50");
    await dialog.getByLabel("Summary").fill("Build games in Python over ten weeks.");
    await dialog.getByRole("button", { name: "Create course" }).click();
    await page.getByText("Course created", { exact: true }).waitFor();

    const course = page.getByRole("region", { name: "Python for Teens" });
    await course.getByText("₹12,500.50").waitFor();
    await course.getByText("Draft").waitFor();
    await course.getByRole("button", { name: "Publish" }).click();
    await course.getByText("Published", { exact: true }).waitFor();

    const pdf = { name: "Python Syllabus.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n") };
    await course.getByLabel("Syllabus PDF for Python for Teens").setInputFiles(pdf);
    await page.getByText("Syllabus uploaded", { exact: true }).waitFor();
    await course.getByText(/Syllabus on file/).waitFor();
    const landing = await browser().open("/courses/python-for-teens");
    await landing.getByRole("heading", { name: "Python for Teens" }).waitFor();
    await landing.getByRole("link", { name: "Download the full syllabus" }).waitFor();
    await landing.close();

    await course.getByRole("button", { name: "New batch" }).click();
    const batch = page.getByRole("dialog");
    await batch.getByLabel("Batch name").fill("Python · Saturday");
    await batch.getByLabel("First day").fill("2027-01-09");
    await batch.getByLabel("Sat").check();
    await batch.getByLabel("Start time").fill("10:30");
    await batch.getByLabel("Minutes per session").fill("90");
    await batch.getByLabel("Seats").fill("12");
    await batch.getByLabel("Instructor").selectOption({ label: "Meera Iyer" });
    await batch.getByRole("button", { name: "Create batch" }).click();
    await page.getByText("Batch created", { exact: true }).waitFor();
    const item = course.getByRole("listitem", { name: "Python · Saturday" });
    await item.getByText(/Sat · 10:30 · 90 min \(Asia\/Kolkata\) · 0 of 12 seats · Meera Iyer/).waitFor();
    await screenshots(page, "courses");

    await page.setViewportSize({ width: 1280, height: 800 });
    await item.getByRole("button", { name: "Delete Python · Saturday" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete batch" }).click();
    await page.getByText("Python · Saturday deleted", { exact: true }).waitFor();
    await item.waitFor({ state: "detached" });
  });

  it("refuses to delete a batch that has enrollments, and says what to do instead", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/courses");
    const item = page.getByRole("listitem", { name: "Spoken English · Morning" });
    await item.getByRole("button", { name: "Delete Spoken English · Morning" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByRole("button", { name: "Delete batch" }).click();
    await confirm.getByText("This batch has enrollments or payments, so it cannot be deleted. Set its status to Cancelled instead.").waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await item.isVisible()).toBe(true);
  });
});
