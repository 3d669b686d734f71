/** Follows supabase-js's session (it refreshes tokens by itself) and shares it with the app. */
import type { Session } from "@supabase/supabase-js";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { supabase } from "@/lib/supabase";
import { signOut as signOutRequest } from "../api/sign-out";
import { AuthContext, type AuthState } from "../auth-context";

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthState["status"]>("loading");
  const [session, setSession] = useState<Session | null>(null);
  const [expiredEmail, setExpiredEmail] = useState<string | null>(null);
  const signingOut = useRef(false);
  const lastSession = useRef<Session | null>(null);
  const expired = useRef(false);

  useEffect(() => {
    const { data } = supabase.auth.onAuthStateChange((event, next) => {
      // Only state updates here: supabase-js forbids awaiting its own calls inside this callback.
      const previous = lastSession.current;
      lastSession.current = next;
      if (event === "SIGNED_OUT" && previous && !signingOut.current) {
        expired.current = true;
        setExpiredEmail(previous.user.email ?? "");
      }
      if (next && expired.current) {
        // Back after an expiry: whatever failed while signed out is fetched again.
        expired.current = false;
        setExpiredEmail(null);
        void queryClient.invalidateQueries();
      }
      if (event === "SIGNED_OUT") signingOut.current = false;
      setSession(next);
      setStatus(next ? "signed-in" : "signed-out");
    });
    return () => {
      data.subscription.unsubscribe();
    };
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      session,
      expiredEmail,
      signOut: async () => {
        signingOut.current = true;
        expired.current = false;
        setExpiredEmail(null);
        try {
          await signOutRequest();
        } catch (error) {
          signingOut.current = false;
          throw error;
        }
        queryClient.clear();
      },
    }),
    [status, session, expiredEmail, queryClient],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
