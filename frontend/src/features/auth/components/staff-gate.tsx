/**
 * A page meant for the center's visitors that acts when it opens (a payer's link makes an order): a
 * signed-in member of staff is told what opening it does, and it opens only when they ask (decision 0866).
 */
import { UserCog } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageLoading } from "@/components/ui/page-status";
import { useAuth } from "../hooks/use-auth";
import { useRole } from "../hooks/use-role";
import { describeRole, homePathFor, type UserRole } from "../roles";

type StaffRole = Exclude<UserRole, "student">;

/** The role of a signed-in member of staff; null for anyone else; "loading" until it is known. */
function useStaffRole(): StaffRole | null | "loading" {
  const auth = useAuth();
  const role = useRole();
  if (auth.status === "loading") return "loading";
  if (auth.status === "signed-out") return null;
  if (role.value === null && role.status === "pending") return "loading";
  return role.value === "admin" || role.value === "instructor" ? role.value : null;
}

interface StaffGateProps {
  /** What the page is, said to staff: "This is the payer's page". */
  title: string;
  /** What opening it does, after "You are signed in as an admin." */
  consequence: string;
  proceedLabel: string;
  /** Shown while the session is read, before anything opens. */
  loadingLabel: string;
  children: ReactNode;
}

export function StaffGate({ title, consequence, proceedLabel, loadingLabel, children }: StaffGateProps) {
  const staff = useStaffRole();
  const [confirmed, setConfirmed] = useState(false);
  if (staff === "loading") return <PageLoading label={loadingLabel} />;
  if (staff === null || confirmed) return children;
  return (
    <Card>
      <CardHeader className="justify-items-center text-center">
        <UserCog className="size-8 text-slate-600" aria-hidden="true" />
        <CardTitle asChild>
          <h1>{title}</h1>
        </CardTitle>
        <CardDescription>
          You are signed in as {describeRole(staff)}. {consequence}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap justify-center gap-2">
        <Button asChild variant="outline">
          <Link to={homePathFor(staff)}>Back to your pages</Link>
        </Button>
        <Button
          onClick={() => {
            setConfirmed(true);
          }}
        >
          {proceedLabel}
        </Button>
      </CardContent>
    </Card>
  );
}
