#!/usr/bin/env node
// Time to interactive of the admin Today page: navigation start until the KPI cards show figures,
// measured by Chromium's own clock (performance.now() counts from navigation start) on each of
// several loads by a signed-in admin. Run through bench/web_today.py, which starts the stack
// and passes its URLs as STACK_SUPABASE_URL, STACK_ANON_KEY and STACK_AUTOMATION_URL.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..", "frontend");
const { build, preview } = await import(join(frontend, "node_modules", "vite", "dist", "node", "index.js"));
const { chromium } = await import(join(frontend, "node_modules", "playwright-core", "index.mjs"));

const RUNS = Number(process.env.RUNS ?? 10);
const TARGET_MS = 1500;
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

process.env.VITE_SUPABASE_URL = process.env.STACK_SUPABASE_URL;
process.env.VITE_SUPABASE_ANON_KEY = process.env.STACK_ANON_KEY;
process.env.VITE_AUTOMATION_URL = process.env.STACK_AUTOMATION_URL;
const outDir = await mkdtemp(join(tmpdir(), "coachbase-bench-build-"));
await build({ root: frontend, logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } });
// Vite's preview server (plain JavaScript; Node 20 cannot import the tests' TypeScript static server).
const server = await preview({ root: frontend, logLevel: "warn", build: { outDir }, preview: { host: "127.0.0.1", port: 0 } });
const app = { url: server.resolvedUrls.local[0].replace(/\/$/, ""), close: () => server.close() };
const profile = await mkdtemp(join(tmpdir(), "coachbase-bench-profile-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: FLAGS,
  viewport: { width: 1280, height: 800 },
});

// The KPI cards have rendered once the "Last 7 days" section holds card headings and no loading status.
const kpisRendered = () => {
  const section = document.querySelector('section[aria-labelledby="this-week"]');
  const ready = section && section.querySelector("h3") && !section.querySelector('[role="status"]');
  return ready ? performance.now() : null;
};

try {
  const page = await context.newPage();
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill("admin@demo.coachbase.test");
  await page.getByLabel("Password").fill("coachbase-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin(\/|$)/);
  const times = [];
  for (let run = 0; run < RUNS + 1; run += 1) {
    await page.goto(`${app.url}/admin`);
    const handle = await page.waitForFunction(kpisRendered, null, { timeout: 30_000 });
    if (run > 0) times.push(await handle.jsonValue()); // the first load warms the server's caches
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  console.log(`Today page, navigation start -> KPI cards rendered, ${RUNS} loads (signed-in admin, seeded center):`);
  console.log(`  p50 ${at(0.5)} ms   p90 ${at(0.9)} ms   max ${at(1)} ms   (target <= ${TARGET_MS} ms)`);
} finally {
  await context.close();
  await app.close();
  await rm(profile, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
}
