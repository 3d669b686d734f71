/** What to tell a person when Supabase Auth refuses: what happened and what to do next. */
import {
  isAuthError,
  isAuthImplicitGrantRedirectError,
  isAuthRetryableFetchError,
  isAuthWeakPasswordError,
} from "@supabase/supabase-js";

const BY_CODE: Record<string, string> = {
  invalid_credentials: "That email and password do not match. Check both, or use a sign-in link instead.",
  email_not_confirmed: "This email address is not confirmed yet. Open the link in the email we sent you.",
  user_banned: "This account is suspended. Contact the center.",
  over_email_send_rate_limit: "Too many emails were sent to this address. Wait a minute, then try again.",
  over_request_rate_limit: "Too many attempts. Wait a minute, then try again.",
  same_password: "Choose a password different from your current one.",
  otp_expired: "This link has expired or was already used. Ask for a new one.",
  session_not_found: "Your session has ended. Sign in again.",
  otp_disabled: "Sign-in links are not enabled for this account. Sign in with your password.",
  user_not_found: "No account uses this email address. Check it, or ask the center to invite you.",
};

const SERVER_FAULT = "The server ran into a problem and could not finish this. Try again in a minute; if it keeps failing, contact the center.";

/** A sentence for any error an auth call raised; never empty, never a stack trace. */
export function authErrorMessage(error: unknown): string {
  if (isAuthRetryableFetchError(error)) return "The server could not be reached. Check your connection and try again.";
  if (isAuthWeakPasswordError(error)) {
    return "This password is too easy to guess. Use a longer one with letters, digits and symbols.";
  }
  if (isAuthError(error)) {
    // A link that failed at Supabase comes back with its code in the URL, kept in `details`.
    const code = isAuthImplicitGrantRedirectError(error) ? (error.details?.code ?? error.code) : error.code;
    const known = code ? BY_CODE[code] : undefined;
    if (known) return known;
    if (error.status === 429) return BY_CODE.over_request_rate_limit ?? error.message;
    // A server fault (e.g. the mail provider refused the email) comes with a message meant for developers.
    if (error.status !== undefined && error.status >= 500) return SERVER_FAULT;
    return error.message || "Something went wrong. Try again.";
  }
  return "Something went wrong. Try again.";
}
