import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launch, PHONE, recorded, screenshot, type Browser } from "./support/browser";
import { accessClaims, RECOVERY_TOKEN_HASH, signJwt, USERS, type StandInUser } from "./support/stand-in";

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser.close();
});

beforeEach(async () => {
  await browser.clearStorage();
});

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in$/);
}

describe("signed out", () => {
  it("sends a visitor of an admin page to sign in, and back afterwards", async () => {
    const page = await browser.open("/admin/leads?status=new");
    await page.waitForURL(/\/sign-in\?next=%2Fadmin%2Fleads%3Fstatus%3Dnew$/);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await screenshot(page, "sign-in-desktop");
    await page.setViewportSize(PHONE);
    await screenshot(page, "sign-in-phone");
  });

  it("validates the sign-in form inline", async () => {
    const page = await browser.open("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByText("Enter an email address.").isVisible()).toBe(true);
    expect(await page.getByText("Enter your password.").isVisible()).toBe(true);
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Email").fill("asha@example");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.getByText("Enter an email address like name@example.com.").isVisible()).toBe(true);
  });

  it("explains wrong credentials", async () => {
    const page = await browser.open("/sign-in");
    await signIn(page, "student@example.test", "not-the-password");
    await page.getByRole("alert").filter({ hasText: "That email and password do not match" }).waitFor();
  });

  it("sends a sign-in link that returns to the page asked for", async () => {
    const page = await browser.open("/sign-in?next=%2Fstudent");
    await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
    await page.getByLabel("Email").fill("student@example.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText("We sent a sign-in link to student@example.test.").waitFor();
    const request = (await recorded()).otp.at(-1);
    expect(request?.body).toMatchObject({ email: "student@example.test", create_user: false });
    expect(request?.redirectTo).toMatch(/\/auth\/callback\?next=%2Fstudent$/);
  });

  it("refuses a link that has expired, saying what to do", async () => {
    const page = await browser.open(
      "/reset-password#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired",
    );
    await page.getByText("This link has expired or was already used. Ask for a new one.").waitFor();
    expect(await page.getByRole("link", { name: "Get a new reset link" }).isVisible()).toBe(true);
  });
});

describe("email links", () => {
  const account = (email: string): StandInUser => {
    const user = USERS.find((candidate) => candidate.email === email);
    if (!user) throw new Error(`the stand-in has no ${email}`);
    return user;
  };

  it("accepts an invitation: the link signs the student in, they choose a password and land at home", async () => {
    // The fragment GoTrue's /verify redirect puts on the invite link's target.
    const invited = account("invited@example.test");
    const fragment = new URLSearchParams({
      access_token: signJwt(accessClaims(invited)),
      expires_in: "3600",
      refresh_token: "invite-refresh-token",
      token_type: "bearer",
      type: "invite",
    });
    const page = await browser.open(`/accept-invite#${fragment.toString()}`);
    await page.getByLabel("New password").waitFor();
    expect(await page.getByRole("heading", { name: "Welcome! Choose your password" }).isVisible()).toBe(true);
    expect(await page.getByText(`Account: ${invited.email}.`).isVisible()).toBe(true);
    expect(page.url()).not.toContain("access_token");
    await screenshot(page, "accept-invite-desktop");
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save password and continue" }).click();
    expect(await page.getByText("Use at least 8 characters.").isVisible()).toBe(true);
    await page.getByLabel("New password").fill("a-new-password-1");
    await page.getByLabel("Type it again").fill("a-new-password-2");
    await page.getByRole("button", { name: "Save password and continue" }).click();
    expect(await page.getByText("The two passwords are not the same.").isVisible()).toBe(true);
    await page.getByLabel("Type it again").fill("a-new-password-1");
    await page.getByRole("button", { name: "Save password and continue" }).click();
    await page.waitForURL(/\/student\/home$/);
    await page.getByText("Your account is ready.").first().waitFor();
    await signOut(page);
    await signIn(page, invited.email, "a-new-password-1");
    await page.waitForURL(/\/student\/home$/);
    await signOut(page);
  });

  it("resets a password from a token-hash link and shows the server's refusal inline", async () => {
    const page = await browser.open(`/reset-password?token_hash=${RECOVERY_TOKEN_HASH}&type=recovery`);
    await page.getByLabel("New password").waitFor();
    expect(page.url()).not.toContain("token_hash");
    const current = account("forgetful@example.test").password;
    await page.getByLabel("New password").fill(current);
    await page.getByLabel("Type it again").fill(current);
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.getByRole("alert").filter({ hasText: "Choose a password different from your current one." }).waitFor();
    await page.getByLabel("New password").fill("reset-password-3");
    await page.getByLabel("Type it again").fill("reset-password-3");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL(/\/student\/home$/);
    await signOut(page);
  });

  it("refuses a reset link whose token was already used", async () => {
    const page = await browser.open("/reset-password?token_hash=pkce_used_long_ago&type=recovery");
    await page.getByText("This link has expired or was already used. Ask for a new one.").waitFor();
  });
});

describe("roles", () => {
  it("refuses a student on an admin page with a clear page", async () => {
    const page = await browser.open("/sign-in?next=%2Fadmin%2Ftoday");
    await signIn(page, "student@example.test", "student-password");
    await page.getByRole("heading", { name: "You can't open this page" }).waitFor();
    expect(await page.getByText("You are signed in as a student").isVisible()).toBe(true);
    await screenshot(page, "refused-student-on-admin-desktop");
    await page.getByRole("link", { name: "Go to your home page" }).click();
    await page.waitForURL(/\/student\/home$/);
    await page.getByRole("navigation", { name: "Student sections" }).waitFor();
    await signOut(page);
  });

  it("opens the admin command center with its sections, usable by keyboard on a phone", async () => {
    const page = await browser.open("/sign-in");
    await signIn(page, "admin@example.test", "admin-password");
    await page.waitForURL(/\/admin\/today$/);
    const sidebar = page.getByRole("navigation", { name: "Admin sections" });
    await sidebar.getByRole("link", { name: "Settings" }).waitFor(); // the URL is set before the area's code arrives
    const sections = await sidebar.getByRole("link").allTextContents();
    expect(sections).toEqual(["Today", "Leads", "CTA review", "Inbox", "Campaigns", "Payments", "Courses & batches", "Outbox", "Settings"]);
    await sidebar.locator('a[aria-current="page"]', { hasText: "Today" }).waitFor();
    await screenshot(page, "admin-shell-desktop");

    await page.setViewportSize(PHONE);
    expect(await sidebar.isVisible()).toBe(false);
    const menu = page.getByRole("button", { name: "Open the admin menu" });
    await menu.focus();
    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: "Admin menu" });
    await drawer.waitFor();
    await screenshot(page, "admin-shell-phone-menu");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
    await signOut(page);
  });

  it("keeps the page and asks for the password again when the session ends elsewhere", async () => {
    const page = await browser.open("/sign-in?next=%2Fadmin%2Fleads%3Fstatus%3Dnew");
    await signIn(page, "admin@example.test", "admin-password");
    await page.waitForURL(/\/admin\/leads\?status=new$/);
    const other = await browser.open("/admin/outbox");
    await other.getByRole("navigation", { name: "Admin sections" }).waitFor();
    await signOut(other);
    await page.bringToFront(); // a background tab's timers are throttled

    const prompt = page.getByRole("dialog", { name: "Sign in again to continue" });
    await prompt.waitFor();
    expect(page.url()).toMatch(/\/admin\/leads\?status=new$/);
    expect(await prompt.getByLabel("Email").inputValue()).toBe("admin@example.test");
    expect(await prompt.getByLabel("Password").evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await prompt.isVisible()).toBe(true);
    await screenshot(page, "reauth-prompt-desktop");
    await page.keyboard.type("admin-password");
    await prompt.getByRole("button", { name: "Sign in and continue" }).click();
    await prompt.waitFor({ state: "hidden" });
    expect(page.url()).toMatch(/\/admin\/leads\?status=new$/);
    await signOut(page);
  });
});
