/** Explains why a signed-in person cannot go on: wrong role, no role, or the profile failed to load. */
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { toast } from "@/components/ui/toast-store";
import { useAuth } from "../hooks/use-auth";
import { describeRole, homePathFor, type UserRole } from "../roles";

function SignOutButton() {
  const { signOut } = useAuth();
  return (
    <Button
      variant="outline"
      onClick={() => {
        signOut().catch(() => toast({ tone: "error", title: "Could not sign out", description: "Try again." }));
      }}
    >
      Sign in as someone else
    </Button>
  );
}

/** The clear refusal a person sees on a page their role may not open. */
export function RefusedPage({ userRole: role }: { userRole: UserRole | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>You can't open this page</h1>
        </CardTitle>
        <CardDescription>
          {role
            ? `You are signed in as ${describeRole(role)}, and this page is not part of your account.`
            : "Your account has no role yet, so there is nothing to show. Ask the center to finish setting it up."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-3">
        {role ? (
          <Button asChild>
            <Link to={homePathFor(role)}>Go to your home page</Link>
          </Button>
        ) : null}
        <SignOutButton />
      </CardContent>
    </Card>
  );
}

export function RoleLoadFailed({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  return (
    <div className="grid gap-3">
      <PageError title="Your account could not be loaded." onRetry={onRetry}>
        {error?.message ?? "The server did not answer."} Check your connection and try again.
      </PageError>
      <div>
        <SignOutButton />
      </div>
    </div>
  );
}
