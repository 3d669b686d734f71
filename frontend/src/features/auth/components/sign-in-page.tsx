/** Sign in with a password or an emailed link; signed-in visitors go on to `next` or their home. */
import { useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageLoading } from "@/components/ui/page-status";
import { useAuth } from "../hooks/use-auth";
import { safeNextPath } from "../roles";
import { MagicLinkForm } from "./magic-link-form";
import { PasswordSignInForm } from "./password-sign-in-form";
import { SignedInRedirect } from "./signed-in-redirect";

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const { status } = useAuth();
  const [method, setMethod] = useState<"password" | "link">("password");

  if (status === "loading") return <PageLoading />;
  if (status === "signed-in") {
    return next ? <Navigate to={next} replace /> : <SignedInRedirect />;
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Sign in</h1>
        </CardTitle>
        <CardDescription>Admins, instructors and students all sign in here.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {method === "password" ? <PasswordSignInForm /> : <MagicLinkForm next={next} />}
        <div className="border-t border-slate-200 pt-4 text-center text-sm">
          <Button
            variant="link"
            size="inline"
            onClick={() => {
              setMethod(method === "password" ? "link" : "password");
            }}
          >
            {method === "password" ? "Email me a sign-in link instead" : "Sign in with a password instead"}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
