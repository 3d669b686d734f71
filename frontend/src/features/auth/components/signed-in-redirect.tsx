/** Sends a signed-in person to their role's home (or explains why it cannot). */
import { Navigate } from "react-router";
import { PageLoading } from "@/components/ui/page-status";
import { useRole } from "../hooks/use-role";
import { homePathFor } from "../roles";
import { RefusedPage, RoleLoadFailed } from "./role-problem";

export function SignedInRedirect() {
  const role = useRole();
  if (role.value) return <Navigate to={homePathFor(role.value)} replace />;
  if (role.status === "pending") return <PageLoading label="Opening your account…" />;
  if (role.status === "error") return <RoleLoadFailed error={role.error} onRetry={role.retry} />;
  return <RefusedPage userRole={null} />;
}
