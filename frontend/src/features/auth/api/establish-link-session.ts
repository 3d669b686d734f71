/**
 * Signs in from the link an email brought the person here with (invite, password reset, magic
 * link). Handles both forms Supabase sends: `?token_hash=…&type=…` (verified here) and tokens in
 * the URL fragment (read by supabase-js when it starts). Raises the Auth error when the link is
 * invalid, expired or already used; returns null when the URL carried no link at all.
 */
import type { EmailOtpType, Session } from "@supabase/supabase-js";
import { supabase } from "@/lib/supabase";

const LINK_TYPES: readonly EmailOtpType[] = ["invite", "recovery", "magiclink", "signup", "email", "email_change"];

function linkType(value: string | null): EmailOtpType | null {
  return LINK_TYPES.find((type) => type === value) ?? null;
}

export async function establishLinkSession(url: URL): Promise<Session | null> {
  const tokenHash = url.searchParams.get("token_hash");
  const type = linkType(url.searchParams.get("type"));
  if (tokenHash && type) {
    const { data, error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type });
    if (error) throw error;
    window.history.replaceState(window.history.state, "", url.pathname);
    return data.session;
  }
  const { error } = await supabase.auth.initialize();
  if (error) throw error;
  const { data, error: sessionError } = await supabase.auth.getSession();
  if (sessionError) throw sessionError;
  return data.session;
}
