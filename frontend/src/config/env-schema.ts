/**
 * The rules for the three public settings the browser reads (VITE_* variables). Written without
 * a schema library so the first script a visitor downloads stays small.
 */

export interface Env {
  supabaseUrl: string;
  supabaseAnonKey: string;
  automationUrl: string;
}

const URL_VARIABLES = {
  VITE_SUPABASE_URL: "the Supabase project URL, e.g. http://127.0.0.1:54321",
  VITE_AUTOMATION_URL: "the automation service's base URL, e.g. http://127.0.0.1:5000",
} as const;

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Every problem with the given variables, one line each naming the variable; empty when valid. */
export function configProblems(source: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, meaning] of Object.entries(URL_VARIABLES)) {
    if (!isHttpUrl(source[name])) problems.push(`${name} must be ${meaning}`);
  }
  const key = source.VITE_SUPABASE_ANON_KEY;
  if (typeof key !== "string" || key.trim() === "") {
    problems.push("VITE_SUPABASE_ANON_KEY must be the project's anon (publishable) key");
  }
  return problems;
}

/** The validated settings; raises an Error listing every problem (see configProblems). */
export function parseEnv(source: Record<string, unknown>): Env {
  const problems = configProblems(source);
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  const text = (name: string) => String(source[name]).trim();
  return {
    supabaseUrl: text("VITE_SUPABASE_URL").replace(/\/+$/, ""),
    supabaseAnonKey: text("VITE_SUPABASE_ANON_KEY"),
    automationUrl: text("VITE_AUTOMATION_URL").replace(/\/+$/, ""),
  };
}
