/** Emails a one-time sign-in link to an existing account; it opens /auth/callback on this site. */
import { supabase } from "@/lib/supabase";

export async function sendMagicLink(email: string, next: string | null): Promise<void> {
  const callback = new URL("/auth/callback", window.location.origin);
  if (next) callback.searchParams.set("next", next);
  const { error } = await supabase.auth.signInWithOtp({
    email,
    options: { shouldCreateUser: false, emailRedirectTo: callback.toString() },
  });
  if (error) throw error;
}
