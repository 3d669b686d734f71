// Settings of a function, read from its environment (Supabase secrets, or functions/.env locally).

/** A required setting: a missing one stops the function at boot, and the logs say which. */
export function requireEnv(name: string): string {
  const value = Deno.env.get(name);
  if (!value) {
    throw new Error(`${name} is not set; see supabase/functions/.env.example`);
  }
  return value;
}
