import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, PHONE, recorded, screenshot, type Browser } from "./support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

async function openLanding(query = ""): Promise<Page> {
  const page = await browser.open(`/courses/python-foundations${query}`);
  await page.getByRole("heading", { level: 1, name: "Python Foundations" }).waitFor();
  return page;
}

const form = (page: Page) => page.getByRole("form", { name: "I'm interested" });

async function fillValid(page: Page, email: string) {
  await form(page).getByLabel("Your name").fill("Asha Rao");
  await form(page).getByLabel("Email", { exact: true }).fill(email);
  await form(page).getByLabel("Mobile number").fill("98765 43210");
  await form(page).getByRole("checkbox", { name: "Email me about this course" }).check();
  await form(page).getByRole("checkbox", { name: "Message me on WhatsApp" }).check();
}

async function submit(page: Page) {
  await form(page).getByRole("button", { name: "Send my details" }).click();
}

describe("course landing page", () => {
  it("shows the published course from the database with its fee in rupees", async () => {
    const page = await openLanding();
    expect(await page.getByText("Fee ₹12,499").isVisible()).toBe(true);
    const syllabus = page.getByRole("link", { name: "Download the full syllabus" });
    expect(await syllabus.getAttribute("href")).toMatch(/\/storage\/v1\/object\/public\/course-files\/5d0b2a7e-1111-4c3b-9a8e-000000000001\/syllabus\.pdf$/);
    await screenshot(page, "course-landing-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "course-landing-phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });

  it("says so when a course is not published", async () => {
    const page = await browser.open("/courses/draft-course");
    await page.getByRole("heading", { name: "This course is not open" }).waitFor();
  });

  it("validates inline, naming each field's problem, and sends nothing", async () => {
    const page = await openLanding();
    const before = (await recorded()).leads.length;
    await form(page).getByLabel("Email", { exact: true }).fill("asha@");
    await form(page).getByRole("checkbox", { name: "Call me (an automated assistant may call for the center)" }).check();
    await submit(page);
    const name = form(page).getByLabel("Your name");
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Enter your name.").isVisible()).toBe(true);
    expect(await page.getByText("Enter an email address like name@example.com.").isVisible()).toBe(true);
    expect(await page.getByText("Enter a mobile number for WhatsApp messages and calls.").isVisible()).toBe(true);
    // The first invalid field has the focus, and its error is part of its description.
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);
    const describedBy = (await form(page).getByLabel("Mobile number").getAttribute("aria-describedby")) ?? "";
    const description = await page.evaluate((ids) => ids.split(" ").map((id) => document.getElementById(id)?.textContent).join(" "), describedBy);
    expect(description).toContain("Enter a mobile number");

    await form(page).getByRole("checkbox", { name: "Call me (an automated assistant may call for the center)" }).uncheck();
    await submit(page);
    expect(await page.getByText("Choose at least one way we may contact you.").isVisible()).toBe(true);
    expect((await recorded()).leads.length).toBe(before);
  });

  it("sends the lead with E.164 phone, consents and the landing URL's UTM, then thanks the visitor", async () => {
    const page = await openLanding("?utm_source=instagram&utm_medium=reel&utm_campaign=diwali-2026");
    await fillValid(page, "asha@example.com");
    await submit(page);
    await page.getByRole("heading", { name: "Thank you, Asha Rao!" }).waitFor();
    await screenshot(page, "course-landing-thank-you-desktop");
    const lead = (await recorded()).leads.at(-1);
    expect(lead).toEqual({
      name: "Asha Rao",
      email: "asha@example.com",
      phone: "+919876543210",
      course_slug: "python-foundations",
      consents: { email: true, whatsapp: true, call: false },
      utm: { source: "instagram", medium: "reel", campaign: "diwali-2026", term: null, content: null },
      website: "",
    });
  });

  it("puts the service's field errors on the right inputs and lists the rest", async () => {
    const page = await openLanding();
    await fillValid(page, "taken@example.com");
    await submit(page);
    await page.getByText("Is already registered for this course.").waitFor();
    expect(await form(page).getByLabel("Email", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    const alert = page.getByRole("alert").filter({ hasText: "Some details need another look." });
    expect(await alert.getByText("utm.source: is longer than 200 characters").isVisible()).toBe(true);
  });

  it("keeps the honeypot away from people and passes what a bot typed to the intake", async () => {
    const page = await openLanding();
    const honeypot = page.locator("#lead-website");
    expect(await honeypot.getAttribute("tabindex")).toBe("-1");
    expect(await honeypot.evaluate((element) => element.closest("[aria-hidden=true]") !== null)).toBe(true);
    const box = await honeypot.boundingBox();
    expect(box === null || box.x + box.width <= 0).toBe(true);
    // Tabbing through the form never lands on it.
    await form(page).getByLabel("Your name").focus();
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).not.toBe("lead-website");
    }
    await fillValid(page, "bot@example.com");
    await honeypot.fill("http://spam.example", { force: true });
    await submit(page);
    await page.getByRole("heading", { name: "Thank you, Asha Rao!" }).waitFor();
    expect((await recorded()).leads.at(-1)).toMatchObject({ email: "bot@example.com", website: "http://spam.example" });
  });

  it("can be completed with the keyboard alone", async () => {
    const page = await openLanding();
    await form(page).getByLabel("Your name").focus();
    await page.keyboard.type("Ravi Kumar");
    await page.keyboard.press("Tab");
    await page.keyboard.type("ravi@example.com");
    await page.keyboard.press("Tab");
    await page.keyboard.type("+91 91234 56789");
    await page.keyboard.press("Tab"); // course
    await page.keyboard.press("Enter");
    // The open list focuses the selected option once it is placed; an arrow pressed before that is lost,
    // so wait for each move to land before the next key.
    await page.locator('[role="option"]:focus', { hasText: "Python Foundations" }).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.locator('[role="option"]:focus', { hasText: "Teen Entrepreneurs" }).waitFor();
    await page.keyboard.press("Enter");
    // The select closes and shows its new value a frame later: wait for it rather than read at once.
    await form(page).getByRole("combobox", { name: "Course" }).filter({ hasText: "Teen Entrepreneurs" }).waitFor();
    await page.keyboard.press("Tab"); // email consent
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab"); // WhatsApp
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab"); // call
    await page.keyboard.press("Tab"); // submit
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Thank you, Ravi Kumar!" }).waitFor();
    expect((await recorded()).leads.at(-1)).toMatchObject({
      course_slug: "teen-entrepreneurs",
      phone: "+919123456789",
      consents: { email: true, whatsapp: true, call: false },
    });
  });
});
