/** Signs out of this browser; the local session is removed even when the server cannot be reached. */
import { supabase } from "@/lib/supabase";

export async function signOut(): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) throw error;
}
