/** Emails a password-reset link that opens /reset-password on this site. */
import { supabase } from "@/lib/supabase";

export async function sendPasswordReset(email: string): Promise<void> {
  const { error } = await supabase.auth.resetPasswordForEmail(email, {
    redirectTo: new URL("/reset-password", window.location.origin).toString(),
  });
  if (error) throw error;
}
