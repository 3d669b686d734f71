/**
 * The whole journey on the local stack, as contract C4 names the admin pages: a visitor asks about a
 * course; the admin approves, watches the welcome email and WhatsApp reach the lead's timeline live
 * (statuses from the sandbox's webhooks) and sends a payment link; the visitor pays in the sandbox's
 * checkout; the admin sees the payment and the new student; the student accepts the emailed invite,
 * chooses a password and sees the batch; the admin area refuses them.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, screenshot, type Browser } from "../support/browser";
import { emailedLink, eventually, sandboxRecords, signIn } from "./harness";

const COURSE_SLUG = "spoken-english";
const COURSE_TITLE = "Spoken English Foundation";
const VISITOR = { name: "Journey Kiran Test", email: `journey.${String(Date.now())}@example.com`, phone: "98111 22334" };
const STUDENT_PASSWORD = "a-long-journey-password";

let admin: Browser;
let visitor: Browser;

beforeAll(async () => {
  [admin, visitor] = await Promise.all([launch(), launch()]);
});

afterAll(async () => {
  await Promise.all([admin.close(), visitor.close()]);
});

// A failed step leaves what each person saw in test-artifacts/screenshots/journey-failed-*.png.
afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  const pages = [...admin.context.pages(), ...visitor.context.pages()].filter((page) => !page.isClosed());
  await Promise.all(pages.map((page, index) => screenshot(page, `journey-failed-${task.name.slice(0, 40)}-${String(index)}`)));
});

/** The timeline item that names `channel` and one of `statuses`, once it is there. */
function timelineItem(timeline: Locator, channel: string, statuses: RegExp): Locator {
  return timeline.getByRole("listitem").filter({ hasText: channel }).filter({ hasText: statuses }).first();
}

describe("from a visitor's question to a student in their batch", () => {
  let adminPage: Page;
  let paymentUrl: string;
  let batchName: string;

  it("takes the visitor's details on the course page", async () => {
    const page = await visitor.open(`/courses/${COURSE_SLUG}`);
    await page.getByRole("heading", { level: 1, name: COURSE_TITLE }).waitFor();
    const form = page.getByRole("form", { name: "I'm interested" });
    await form.getByLabel("Your name").fill(VISITOR.name);
    await form.getByLabel("Email", { exact: true }).fill(VISITOR.email);
    await form.getByLabel("Mobile number").fill(VISITOR.phone);
    await form.getByRole("checkbox", { name: "Email me about this course" }).check();
    await form.getByRole("checkbox", { name: "Message me on WhatsApp" }).check();
    await form.getByRole("button", { name: "Send my details" }).click();
    await page.getByRole("status").filter({ hasText: /thank|received|got your details/i }).first().waitFor();
  });

  it("lets the admin approve the request, which starts the welcome", async () => {
    adminPage = await admin.open("/sign-in");
    await signIn(adminPage, "admin@demo.coachbase.test");
    await adminPage.waitForURL(/\/admin\//);
    await adminPage.getByRole("link", { name: "CTA review" }).click();
    await adminPage.getByRole("button", { name: `Approve ${VISITOR.name}` }).click();
    await adminPage.getByText("Approved — welcome sequence started", { exact: true }).waitFor();
  });

  it("shows the welcome email and WhatsApp on the lead's timeline as the sandbox reports them delivered", async () => {
    await adminPage.getByRole("link", { name: "Leads", exact: true }).click();
    await adminPage.getByRole("searchbox", { name: "Search leads" }).fill(VISITOR.name);
    await adminPage.getByRole("searchbox", { name: "Search leads" }).press("Enter");
    await adminPage.getByRole("link", { name: VISITOR.name }).click();
    await adminPage.getByRole("heading", { level: 1, name: VISITOR.name, exact: true }).waitFor();
    // C4 names a region "Timeline"; a list of that name holds the same items.
    const timeline = adminPage.getByRole("region", { name: "Timeline" }).or(adminPage.getByRole("list", { name: "Timeline" }));
    // No reload from here on: the statuses arrive through Realtime.
    await timelineItem(timeline, "Email", /Delivered|Read/).waitFor({ timeout: 60_000 });
    await timelineItem(timeline, "WhatsApp", /Delivered|Read/).waitFor({ timeout: 60_000 });
  });

  it("sends the visitor a payment link for a batch", async () => {
    await adminPage.getByRole("button", { name: "Send payment link" }).click();
    const dialog = adminPage.getByRole("dialog");
    const batch = dialog.getByLabel("Batch");
    // The select appears once the course's batches have loaded; until then the dialog says it is loading.
    await batch.locator("option:not([value=''])").first().waitFor({ state: "attached" });
    const options = await batch.locator("option").evaluateAll((nodes) =>
      nodes.map((node) => ({ value: (node as HTMLOptionElement).value, label: node.textContent.trim() })).filter((option) => option.value),
    );
    const chosen = options[0];
    if (!chosen) throw new Error("the Batch select offers no batch");
    batchName = chosen.label;
    await batch.selectOption(chosen.value);
    await dialog.getByRole("button", { name: "Create and send" }).click();
    await adminPage.getByText("Payment link sent", { exact: true }).waitFor({ timeout: 60_000 });
    paymentUrl = await eventually("the link URL in the dialog", async () => {
      const text = await dialog.innerText();
      return /https?:\/\/\S+/.exec(text)?.[0] ?? null;
    });
    // The link's page in the app (decision 0666): it opens the provider's checkout.
    expect(paymentUrl.startsWith(`${inject("appUrl")}/pay/`)).toBe(true);
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("takes the visitor's payment in the sandbox's checkout and confirms it back in the app", async () => {
    const page = await visitor.open("/sign-in");
    await page.goto(paymentUrl);
    await page.waitForURL((url) => url.href.startsWith(inject("sandboxUrl")), { timeout: 60_000 });
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
    await page.waitForURL(/\/pay\/result\?/);
    await page.getByRole("heading", { name: "Payment received" }).waitFor({ timeout: 60_000 });
  });

  it("shows the admin the payment as paid by the new student", async () => {
    await adminPage.getByRole("link", { name: "Payments", exact: true }).click();
    const row = adminPage.getByRole("row").filter({ hasText: VISITOR.name });
    await eventually("the paid payment in the admin's list", async () => {
      if ((await row.filter({ hasText: "Paid" }).filter({ hasText: "Student" }).count()) > 0) return true;
      // The payer becomes a student once the worker's invite job has run; open the list again.
      await adminPage.getByRole("link", { name: "Today" }).click();
      // Exact: the Today page also links its "Payments pending" card to the list.
      await adminPage.getByRole("link", { name: "Payments", exact: true }).click();
      return null;
    });
  });

  it("welcomes the new student by email with a sign-in link, and by WhatsApp with the schedule", async () => {
    const signInLink = await emailedLink(VISITOR.email, "Sign in to see your batch, your next class and your payments");
    expect(signInLink).toBe(new URL("/sign-in", inject("appUrl")).href);
    const welcome = (await sandboxRecords("sendgrid")).find(
      (mail) => JSON.stringify(mail.payload.personalizations).includes(VISITOR.email) && String(mail.payload.subject).includes("you are enrolled in"),
    );
    const enrolledIn = /you are enrolled in (.+)$/.exec(String(welcome?.payload.subject))?.[1] ?? "";
    expect(enrolledIn).not.toBe("");
    expect(batchName.startsWith(enrolledIn)).toBe(true);
    const digits = VISITOR.phone.replace(/\D/g, "");
    const whatsapp = await eventually("the WhatsApp welcome in the sandbox", async () => {
      const messages = await sandboxRecords("aisensy");
      const found = messages.find((message) => message.payload.campaignName === "student_welcome" && String(message.payload.destination).endsWith(digits));
      return found ?? null;
    });
    // Its parameters: first name, batch, course, schedule, start date, first class.
    const params = whatsapp.payload.templateParams as string[];
    expect(params[1]).toBe(enrolledIn);
    expect(params[2]).toBe(COURSE_TITLE);
  });

  it("lets the student accept the invite, choose a password and see the batch", async () => {
    const page = await visitor.open("/sign-in");
    await page.goto(await emailedLink(VISITOR.email, "Accept the invitation"));
    await page.getByRole("heading", { name: "Welcome! Choose your password" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill(STUDENT_PASSWORD);
    await page.getByLabel("Type it again").fill(STUDENT_PASSWORD);
    await page.getByRole("button", { name: "Save password and continue" }).click();
    await page.getByRole("heading", { name: "Your batches" }).waitFor();
    const card = page.getByRole("region", { name: COURSE_TITLE });
    await card.waitFor();
    // The card reads "<batch> · from <date>"; the dialog's option named the same batch first.
    const cardBatch = /\n(.+?) · from /.exec(await card.innerText())?.[1] ?? "";
    expect(cardBatch).not.toBe("");
    expect(batchName.startsWith(cardBatch)).toBe(true);
  });

  it("signs the student in with the new password and refuses them the admin area", async () => {
    await visitor.clearStorage();
    const page = await visitor.open("/sign-in");
    await signIn(page, VISITOR.email, STUDENT_PASSWORD);
    await page.getByRole("heading", { name: "Your batches" }).waitFor();
    await page.goto(new URL("/admin/payments", page.url()).href);
    await page.getByRole("heading", { name: "You can't open this page" }).waitFor();
  });
});
