/** Where a sign-in link lands: it signs the person in and sends them on, or explains the failure. */
import { Link, Navigate, useSearchParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageLoading } from "@/components/ui/page-status";
import { authErrorMessage } from "../auth-messages";
import { useLinkSession } from "../hooks/use-link-session";
import { safeNextPath } from "../roles";
import { SignedInRedirect } from "./signed-in-redirect";

export function AuthCallbackPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const link = useLinkSession();

  if (link.isPending) return <PageLoading label="Signing you in…" />;
  if (link.data) return next ? <Navigate to={next} replace /> : <SignedInRedirect />;
  return (
    <Card>
      <CardContent className="grid gap-3 pt-4 sm:pt-6">
        <h1 className="text-lg font-semibold">This sign-in link can't be used</h1>
        <Alert tone="error">
          {link.isError ? authErrorMessage(link.error) : "This page needs the link from your email."}
        </Alert>
        <Button asChild>
          <Link to="/sign-in">Get a new link</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
