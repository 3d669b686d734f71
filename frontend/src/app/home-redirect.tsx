/** "/": signed-in people go to their role's home, everyone else to sign-in. */
import { Navigate } from "react-router";
import { CenteredLayout } from "@/components/layouts/centered-layout";
import { PageLoading } from "@/components/ui/page-status";
import { SignedInRedirect } from "@/features/auth/components/signed-in-redirect";
import { useAuth } from "@/features/auth/hooks/use-auth";

export function HomeRedirect() {
  const { status } = useAuth();
  if (status === "loading") return <PageLoading />;
  if (status === "signed-out") return <Navigate to="/sign-in" replace />;
  return (
    <CenteredLayout>
      <SignedInRedirect />
    </CenteredLayout>
  );
}
