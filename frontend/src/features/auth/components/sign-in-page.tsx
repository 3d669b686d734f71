/** Sign in with a password or an emailed link; signed-in visitors go on to `next` or their home. */
import { Navigate, useSearchParams } from "react-router";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useAuth } from "../hooks/use-auth";
import { safeNextPath } from "../roles";
import { MagicLinkForm } from "./magic-link-form";
import { PasswordSignInForm } from "./password-sign-in-form";
import { SignedInRedirect } from "./signed-in-redirect";

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const { status } = useAuth();

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
      <CardContent>
        <Tabs defaultValue="password">
          <TabsList aria-label="How to sign in">
            <TabsTrigger value="password">Password</TabsTrigger>
            <TabsTrigger value="link">Email link</TabsTrigger>
          </TabsList>
          <TabsContent value="password">
            <PasswordSignInForm />
          </TabsContent>
          <TabsContent value="link">
            <MagicLinkForm next={next} />
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
