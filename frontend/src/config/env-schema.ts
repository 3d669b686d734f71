/** The rules for the three public settings the browser reads (VITE_* variables). */
import { z } from "zod";

const schema = z.object({
  VITE_SUPABASE_URL: z.url({ protocol: /^https?$/, message: "must be the Supabase project URL, e.g. http://127.0.0.1:54321" }),
  VITE_SUPABASE_ANON_KEY: z.string().trim().min(1, { message: "must be the project's anon (publishable) key" }),
  VITE_AUTOMATION_URL: z.url({ protocol: /^https?$/, message: "must be the automation service's base URL, e.g. http://127.0.0.1:5000" }),
});

export interface Env {
  supabaseUrl: string;
  supabaseAnonKey: string;
  automationUrl: string;
}

/** Every problem with the given variables, one line each naming the variable; empty when valid. */
export function configProblems(source: Record<string, unknown>): string[] {
  const result = schema.safeParse(source);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
}

/** The validated settings; raises when any is missing or malformed (see configProblems). */
export function parseEnv(source: Record<string, unknown>): Env {
  const values = schema.parse(source);
  return {
    supabaseUrl: values.VITE_SUPABASE_URL.replace(/\/+$/, ""),
    supabaseAnonKey: values.VITE_SUPABASE_ANON_KEY.trim(),
    automationUrl: values.VITE_AUTOMATION_URL.replace(/\/+$/, ""),
  };
}
