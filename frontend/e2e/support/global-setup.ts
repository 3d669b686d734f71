/**
 * Once per e2e run: start the backend stand-in, build the app against it, and serve the build;
 * each on a free port. Tests read the addresses with inject("appUrl") and inject("standInUrl").
 */
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { ANON_KEY, startStandIn } from "./stand-in";
import { serveStatic } from "./static-server";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    standInUrl: string;
  }
}

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export default async function setup(project: TestProject) {
  const standIn = await startStandIn();
  const outDir = join(frontend, "e2e", ".build");
  // Variables already in the environment take precedence over any .env file Vite would read.
  process.env.VITE_SUPABASE_URL = standIn.url;
  process.env.VITE_SUPABASE_ANON_KEY = ANON_KEY;
  process.env.VITE_AUTOMATION_URL = standIn.url;
  await build({ root: frontend, logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } });
  const app = await serveStatic(outDir);
  project.provide("appUrl", app.url);
  project.provide("standInUrl", standIn.url);
  return async () => {
    await app.close();
    await standIn.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
