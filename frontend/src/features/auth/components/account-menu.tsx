/** The top bar's account button: who is signed in, and sign out. */
import { LogOut, UserRound } from "lucide-react";
import { useNavigate } from "react-router";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toast-store";
import { useAuth } from "../hooks/use-auth";
import { useRole } from "../hooks/use-role";

export function AccountMenu() {
  const { session, signOut } = useAuth();
  const role = useRole();
  const navigate = useNavigate();
  const email = session?.user.email ?? "";

  const signOutNow = async () => {
    try {
      await signOut();
      await navigate("/sign-in", { replace: true });
      toast({ tone: "info", title: "You are signed out." });
    } catch {
      toast({ tone: "error", title: "Could not sign out", description: "Check your connection and try again." });
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Account: ${email}`}>
          <UserRound aria-hidden="true" />
          <span className="hidden max-w-48 truncate sm:inline">{email}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          Signed in as {email}
          {role.value ? ` (${role.value})` : ""}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOutNow()}>
          <LogOut aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
