/**
 * The emailed sign-in flows on the local stack, as a person uses them: the link arrives in the provider
 * sandbox's mail catcher (Auth sends through it) and opening it completes the flow. Each test uses a demo
 * instructor no other test signs in as, because a reset changes the password.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { emailedLink, signIn, useBrowser } from "./harness";

const browser = useBrowser();
const MAGIC_LINK_USER = "meera.iyer@demo.coachbase.test";
const RESET_USER = "arjun.deshpande@demo.coachbase.test";

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in$/);
}

describe("emailed sign-in links", () => {
  it("signs a person in from the link in their email and opens their area", async () => {
    const page = await browser().open("/sign-in");
    await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
    await page.getByLabel("Email").fill(MAGIC_LINK_USER);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText(`We sent a sign-in link to ${MAGIC_LINK_USER}.`).waitFor();

    await page.goto(await emailedLink(MAGIC_LINK_USER, "Sign in"));
    await page.waitForURL(/\/instructor(\/|$)/);
    await page.getByRole("navigation", { name: "Teaching sections" }).waitFor();
    expect(page.url()).not.toContain("access_token");

    // The browser profile is shared by this file's tests: the next one starts signed out.
    await signOut(page);
  });

  it("resets a forgotten password from the emailed link; the new one signs in, the old one no longer does", async () => {
    const page = await browser().open("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // The sign-in page, with its own Email field, stays until the reset page's code has loaded.
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await page.getByLabel("Email").fill(RESET_USER);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByText(`If an account uses ${RESET_USER}, a reset link is on its way.`, { exact: false }).waitFor();

    await page.goto(await emailedLink(RESET_USER, "Choose a new password"));
    await page.getByLabel("New password").fill("a-fresh-reset-password");
    await page.getByLabel("Type it again").fill("a-fresh-reset-password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL(/\/instructor(\/|$)/);

    await signOut(page);
    await signIn(page, RESET_USER);
    await page.getByRole("alert").filter({ hasText: "That email and password do not match" }).waitFor();
    await signIn(page, RESET_USER, "a-fresh-reset-password");
    await page.waitForURL(/\/instructor(\/|$)/);
  });
});
