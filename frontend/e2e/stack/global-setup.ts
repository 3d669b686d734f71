/**
 * Once per run: build the app against the stack pytest started (its URLs arrive as STACK_* variables)
 * and serve the build on a free port. Tests read the address with inject("appUrl").
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { serveStatic } from "../support/static-server";

declare module "vitest" {
  export interface ProvidedContext {
    studentEmail: string;
  }
}

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through pytest tests/e2e/test_web_app.py`);
  return value;
}

export default async function setup(project: TestProject) {
  process.env.VITE_SUPABASE_URL = required("STACK_SUPABASE_URL");
  process.env.VITE_SUPABASE_ANON_KEY = required("STACK_ANON_KEY");
  process.env.VITE_AUTOMATION_URL = required("STACK_AUTOMATION_URL");
  const outDir = await mkdtemp(join(tmpdir(), "coachbase-stack-build-"));
  await build({ root: frontend, logLevel: "warn", build: { outDir, emptyOutDir: true, sourcemap: false } });
  // The service lets the app's origin call it (CORS), so the app must be served on the port it was told.
  const app = await serveStatic(outDir, Number(required("STACK_APP_PORT")));
  project.provide("appUrl", app.url);
  project.provide("studentEmail", required("STACK_STUDENT_EMAIL"));
  return async () => {
    await app.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
