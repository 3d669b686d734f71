/**
 * A full reload of an admin page, as a person presses F5: the page is never empty while the app's
 * code and the route's modules load, and a failed download says so instead of leaving a blank page.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LONG_FLOW, openAsAdmin, useBrowser } from "./harness";

const browser = useBrowser();

declare global {
  interface Window {
    rootWatch?: { empty: number; loading: number };
  }
}

/** Before every document of the tab: counts the moments #root holds nothing, and those it shows a loading line. */
async function watchRoot(page: Page) {
  await page.addInitScript(() => {
    const watch = { empty: 0, loading: 0 };
    window.rootWatch = watch;
    const look = (root: HTMLElement) => {
      if (root.childElementCount === 0) watch.empty += 1;
      if (root.querySelector("[role=status]")?.textContent.includes("Loading")) watch.loading += 1;
    };
    document.addEventListener("DOMContentLoaded", () => {
      const root = document.getElementById("root");
      if (!root) return;
      look(root);
      new MutationObserver(() => {
        look(root);
      }).observe(root, { childList: true, subtree: true });
    });
  });
}

describe("reloading an admin page", () => {
  it("shows a loading line, never an empty page, then the page itself", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/payments");
    await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
    await watchRoot(page);
    for (let reload = 0; reload < 3; reload += 1) {
      await page.reload();
      await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
      const watch = await page.evaluate(() => window.rootWatch);
      expect(watch?.empty).toBe(0);
      expect(watch?.loading).toBeGreaterThan(0);
    }
  });

  it("says the app could not load when its code cannot be downloaded", { timeout: LONG_FLOW }, async () => {
    const page = await openAsAdmin(browser().open, "/admin/payments");
    await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
    await page.route("**/assets/start-*.js", (route) => route.fulfill({ status: 404, body: "gone" }));
    await page.reload();
    await page.getByRole("alert").getByText("Coachbase could not load.").waitFor();
    await page.getByText("Check your connection, then reload the page.").waitFor();
    await page.unroute("**/assets/start-*.js");
    await page.reload();
    await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
  });
});
