import { describe, expect, inject, it } from "vitest";
import { screenshots, sharedBrowser, signIn } from "./stack-helpers";

const browser = sharedBrowser();

describe("the web app on the local stack with the demo center", () => {
  it("signs the demo admin in with the password and opens the admin area", async () => {
    const page = await browser().open("/sign-in");
    await signIn(page, "admin@demo.coachbase.test");
    await page.waitForURL(/\/admin(\/|$)/);
    await page.getByRole("button", { name: /^Account:/ }).waitFor();
    await screenshots(page, "admin");
  });

  it("refuses a demo student the admin area", async () => {
    const page = await browser().open("/sign-in");
    await signIn(page, inject("studentEmail"));
    await page.waitForURL(/\/student(\/|$)/);
    await page.goto(new URL("/admin", page.url()).href);
    await page.getByRole("heading", { name: "You can't open this page" }).waitFor();
    expect(await page.getByText("You are signed in as a student").isVisible()).toBe(true);
    await screenshots(page, "student-refused");
  });

  it("shows a seeded published course with its title and fee from the database", async () => {
    const page = await browser().open("/courses/spoken-english");
    await page.getByRole("heading", { name: "Spoken English Foundation" }).waitFor();
    expect(await page.getByText("Fee ₹4,999").isVisible()).toBe(true);
    await screenshots(page, "course-landing");
  });
});
