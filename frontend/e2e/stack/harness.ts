/** Shared parts of the whole-stack tests: one browser per file, signing a demo person in, screenshots. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launch, PHONE, screenshot, type Browser } from "../support/browser";

export const DEMO_PASSWORD = "coachbase-demo";
export const DEMO_ADMIN = "admin@demo.coachbase.test";
/** A bound on a flow of many steps on a loaded machine; a hang fails, slowness does not. */
export const LONG_FLOW = 180_000;

export async function signIn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs the demo admin in on a fresh tab, then opens `path` of the admin area. */
export async function openAsAdmin(open: (path: string) => Promise<Page>, path: string): Promise<Page> {
  const page = await open("/sign-in");
  await signIn(page, DEMO_ADMIN);
  await page.waitForURL(/\/admin(\/|$)/);
  await page.goto(new URL(path, page.url()).href);
  return page;
}

export async function screenshots(page: Page, name: string) {
  await screenshot(page, `stack-${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshot(page, `stack-${name}-phone`);
}

/** Registers the file's hooks: one browser for its tests, signed out before each. Call the result inside a test. */
export function useBrowser(): () => Browser {
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
    if (!browser) throw new Error("The browser is not running: call useBrowser() at the top of the test file.");
    return browser;
  };
}
