/** The one supabase-js client of the app, typed with the database schema. */
import { createClient } from "@supabase/supabase-js";
import { env } from "@/config/env";
import type { Database } from "./database.types";

// Implicit flow: invite links are created by the service (no PKCE verifier exists in the
// browser) and reset or magic links may be opened on another device than the one that asked.
export const supabase = createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
  auth: { flowType: "implicit", autoRefreshToken: true, persistSession: true, detectSessionInUrl: true },
});
