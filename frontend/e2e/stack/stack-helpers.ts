/** What the whole-stack browser tests share: signing in, screenshots at two widths, the sandbox's records. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { launch, screenshot, type Browser } from "../support/browser";

export const PASSWORD = "coachbase-demo";
export const DESKTOP_WIDE = { width: 1366, height: 768 };
export const PHONE_TALL = { width: 390, height: 844 };

/** One browser for the file's tests, each starting signed out; returns a getter for it. */
export function sharedBrowser(): () => Browser {
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

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Saves `stack-<name>-desktop.png` and `-phone.png`; returns the names written. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  await page.setViewportSize(DESKTOP_WIDE);
  await screenshot(page, `stack-${name}-desktop`);
  await page.setViewportSize(PHONE_TALL);
  await screenshot(page, `stack-${name}-phone`);
  await page.setViewportSize(DESKTOP_WIDE);
  return [`stack-${name}-desktop.png`, `stack-${name}-phone.png`];
}

export interface SandboxRecord {
  provider: string;
  kind: string;
  summary: string;
  payload: Record<string, unknown>;
}

/** Every record the provider sandbox kept for `provider` (emails, WhatsApp messages, checkouts). */
export async function sandboxRecords(provider: string): Promise<SandboxRecord[]> {
  const response = await fetch(`${inject("sandboxUrl")}/_sandbox/api/records?provider=${provider}`);
  if (!response.ok) throw new Error(`the sandbox answered ${String(response.status)}`);
  return (await response.json()) as SandboxRecord[];
}

/** Asks `probe` every half second until it returns a value, failing after `seconds`. */
export async function eventually<T>(what: string, probe: () => Promise<T | null>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
