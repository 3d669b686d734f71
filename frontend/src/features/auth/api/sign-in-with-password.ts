/** Signs in with email and password; raises the Auth error (e.g. invalid credentials) unchanged. */
import type { Session } from "@supabase/supabase-js";
import { supabase } from "@/lib/supabase";

export async function signInWithPassword(email: string, password: string): Promise<Session> {
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return data.session;
}
