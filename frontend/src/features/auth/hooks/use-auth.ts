/** The current session and sign-out, from <AuthProvider />. */
import { useContext } from "react";
import { AuthContext, type AuthState } from "../auth-context";

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth is used outside <AuthProvider>");
  return state;
}
