/** One browser per test file, signed out before each test, and signing in on the seeded center. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launch, type Browser } from "../support/browser";

export const DEMO_PASSWORD = "coachbase-demo";
export const DEMO_ADMIN = "admin@demo.coachbase.test";

export async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A tab signed in as the demo admin, then at `path`. */
export async function openAsAdmin(browser: Browser, path: string): Promise<Page> {
  const page = await browser.open("/sign-in");
  await signIn(page, DEMO_ADMIN);
  await page.waitForURL(/\/admin(\/|$)/);
  await page.goto(new URL(path, page.url()).href);
  return page;
}

/** Launches Chromium for this file's tests and clears the app's storage before each; returns a getter. */
export function useStackBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await browser?.clearStorage();
  });
  return () => {
    if (!browser) throw new Error("the browser is not launched yet");
    return browser;
  };
}
