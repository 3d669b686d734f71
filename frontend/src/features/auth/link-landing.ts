/**
 * Supabase's default email templates send invite and reset links to the Site URL with the session
 * in the fragment (`#access_token=…&type=invite`). Before the app starts (and supabase-js reads the
 * fragment), such a landing moves to the page that finishes the job: choosing a password.
 */
const PAGES: Record<string, string> = { invite: "/accept-invite", recovery: "/reset-password" };

/** The page a link landing at `pathname` with `hash` belongs on, or null to stay. */
export function linkLandingPath(pathname: string, hash: string): string | null {
  const type = new URLSearchParams(hash.replace(/^#/, "")).get("type");
  const page = type ? PAGES[type] : undefined;
  return page && pathname !== page ? page : null;
}
