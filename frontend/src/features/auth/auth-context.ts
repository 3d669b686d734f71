/** The shape of what <AuthProvider /> shares: the session, and whether it ended on its own. */
import type { Session } from "@supabase/supabase-js";
import { createContext } from "react";

export interface AuthState {
  status: "loading" | "signed-in" | "signed-out";
  session: Session | null;
  /**
   * The email of a user whose session ended without them signing out (refresh failed, token
   * revoked) while this tab was open; the page stays and asks them to sign in again.
   */
  expiredEmail: string | null;
  /** Signs out on purpose (no re-authentication prompt follows). */
  signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);
