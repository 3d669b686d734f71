/**
 * Guards an area of the app: signed-out visitors go to sign-in (and come back after), people of
 * another role get a clear refusal, and an expired session prompts a sign-in over the page.
 */
import { Navigate, Outlet, useLocation } from "react-router";
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { PageLoading } from "@/components/ui/page-status";
import { useAuth } from "../hooks/use-auth";
import { useRole } from "../hooks/use-role";
import { decideAccess, signInPathFor, type UserRole } from "../roles";
import { ReauthDialog } from "./reauth-dialog";
import { RefusedPage, RoleLoadFailed } from "./role-problem";

export function RequireRole({ allowed, children }: { allowed: readonly UserRole[]; children?: React.ReactNode }) {
  const { status, expiredEmail } = useAuth();
  const role = useRole();
  const location = useLocation();

  // A session that ended by itself keeps the page (and any unsaved form) under the sign-in prompt.
  if (expiredEmail !== null) {
    return (
      <>
        {children ?? <Outlet />}
        <ReauthDialog />
      </>
    );
  }

  const access = decideAccess({ auth: status, role, allowed });
  switch (access.kind) {
    case "wait":
      return <PageLoading />;
    case "sign-in":
      return <Navigate to={signInPathFor(`${location.pathname}${location.search}`)} replace />;
    case "refuse":
      return (
        <CenteredLayout>
          <RefusedPage userRole={access.role} />
        </CenteredLayout>
      );
    case "failed":
      return (
        <CenteredLayout>
          <RoleLoadFailed error={role.error} onRetry={role.retry} />
        </CenteredLayout>
      );
    case "allow":
      return children ?? <Outlet />;
  }
}
