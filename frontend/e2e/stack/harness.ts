/** Shared parts of the whole-stack tests: one browser per file, signing a demo person in, screenshots. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { launch, screenshot, type Browser } from "../support/browser";

export const DEMO_PASSWORD = "coachbase-demo";
export const DEMO_ADMIN = "admin@demo.coachbase.test";
/** A bound on a flow of many steps on a loaded machine; a hang fails, slowness does not. */
export const LONG_FLOW = 180_000;

const DESKTOP_WIDE = { width: 1366, height: 768 };
const PHONE_TALL = { width: 390, height: 844 };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
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

/** Saves `stack-<name>-desktop.png` and `-phone.png` (back at desktop width after); returns the names. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  await page.setViewportSize(DESKTOP_WIDE);
  await screenshot(page, `stack-${name}-desktop`);
  await page.setViewportSize(PHONE_TALL);
  await screenshot(page, `stack-${name}-phone`);
  await page.setViewportSize(DESKTOP_WIDE);
  return [`stack-${name}-desktop.png`, `stack-${name}-phone.png`];
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

interface MailContent {
  type: string;
  value: string;
}

/** The link after "`action`: " in the newest plain-text email to `to` in the sandbox that carries one. */
export async function emailedLink(to: string, action: string): Promise<string> {
  return eventually(`the "${action}" email to ${to} in the sandbox`, async () => {
    const mails = (await sandboxRecords("sendgrid")).filter((mail) => JSON.stringify(mail.payload.personalizations).includes(to));
    const texts = mails.flatMap((mail) => (mail.payload.content as MailContent[]).filter((part) => part.type === "text/plain"));
    const pattern = new RegExp(`${action}: (\\S+)`);
    const links = texts.map((part) => pattern.exec(part.value)?.[1]).filter((link): link is string => link !== undefined);
    return links.at(-1) ?? null;
  });
}
