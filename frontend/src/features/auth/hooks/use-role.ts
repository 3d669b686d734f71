/**
 * The signed-in user's role: the profile row decides; until it has loaded, the role in the
 * token's app_metadata stands in, so a returning admin sees their pages without a spinner.
 */
import { useQuery } from "@tanstack/react-query";
import { getProfileRole } from "../api/get-profile-role";
import { parseRole, type UserRole } from "../roles";
import { useAuth } from "./use-auth";

export interface RoleState {
  status: "pending" | "error" | "success";
  value: UserRole | null;
  error: Error | null;
  retry: () => void;
}

export function useRole(): RoleState {
  const { session } = useAuth();
  const userId = session?.user.id ?? null;
  const profile = useQuery({
    queryKey: ["profile-role", userId],
    queryFn: () => getProfileRole(userId ?? ""),
    enabled: userId !== null,
    staleTime: 5 * 60_000,
  });
  const fromToken = parseRole(session?.user.app_metadata.role);
  return {
    status: profile.status,
    value: profile.status === "success" ? profile.data : profile.status === "pending" ? fromToken : null,
    error: profile.error,
    retry: () => void profile.refetch(),
  };
}
