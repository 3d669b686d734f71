/** Sets the signed-in user's password (after an invite or a reset link signed them in). */
import { supabase } from "@/lib/supabase";

export async function setPassword(password: string): Promise<void> {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}
