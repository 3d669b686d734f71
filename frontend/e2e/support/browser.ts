/**
 * Debian's Chromium driven by playwright-core: headless, no background networking (the machine
 * has no outside network), a fresh profile per launch, and helpers the tests share.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test-artifacts", "screenshots");

export interface Browser {
  context: BrowserContext;
  /** A new tab at `path` of the app, failing the test on any uncaught error in the page. */
  open: (path: string, viewport?: { width: number; height: number }) => Promise<Page>;
  /** Forgets every session and stored value of the app, for a test that must start signed out. */
  clearStorage: () => Promise<void>;
  close: () => Promise<void>;
}

// Failed requests are logged by Chromium as console errors; the tests provoke some on purpose.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (400|403|404|409|422)/;

export async function launch(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "coachbase-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
  });
  const appUrl = inject("appUrl");
  const problems: string[] = [];
  return {
    context,
    open: async (path, viewport = DESKTOP) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && !EXPECTED_CONSOLE.test(message.text())) problems.push(`console: ${message.text()}`);
      });
      await page.goto(`${appUrl}${path}`);
      return page;
    },
    clearStorage: async () => {
      // Any same-origin document will do; a build file avoids starting the app.
      const page = await context.newPage();
      await page.goto(`${appUrl}/.vite/manifest.json`);
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await page.close();
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(`The pages reported errors:\n${problems.join("\n")}`);
    },
  };
}

/**
 * Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. Animations (spinners) are stopped
 * first, and the capture may take a minute: on two busy cores a tall page once took longer than 30 s.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: "disabled", timeout: 60_000 });
}

/** What the stand-in received so far. */
export async function recorded(): Promise<{ leads: Record<string, unknown>[]; otp: { body: unknown; redirectTo: string | null }[] }> {
  const response = await fetch(`${inject("standInUrl")}/__stand-in/recorded`);
  return (await response.json()) as { leads: Record<string, unknown>[]; otp: { body: unknown; redirectTo: string | null }[] };
}
