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
    studentBatch: string;
    otherStudentEmail: string;
    otherStudentBatch: string;
    sandboxUrl: string;
    supabaseUrl: string;
    anonKey: string;
    paidPaymentId: string;
    leadId: string;
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
  // The stack's mail and payment returns link to this address, so the app is served exactly there.
  const app = await serveStatic(outDir, Number(new URL(required("STACK_APP_URL")).port));
  project.provide("appUrl", app.url);
  project.provide("studentEmail", required("STACK_STUDENT_EMAIL"));
  project.provide("studentBatch", required("STACK_STUDENT_BATCH"));
  project.provide("otherStudentEmail", required("STACK_OTHER_STUDENT_EMAIL"));
  project.provide("otherStudentBatch", required("STACK_OTHER_STUDENT_BATCH"));
  project.provide("supabaseUrl", required("STACK_SUPABASE_URL"));
  project.provide("anonKey", required("STACK_ANON_KEY"));
  project.provide("paidPaymentId", required("STACK_PAID_PAYMENT_ID"));
  project.provide("leadId", required("STACK_LEAD_ID"));
  project.provide("sandboxUrl", required("STACK_SANDBOX_URL"));
  return async () => {
    await app.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
