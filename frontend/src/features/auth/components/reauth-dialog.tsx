/**
 * Shown over a page whose session ended by itself: the person signs in again and carries on
 * with whatever they were typing, since the page underneath is never unmounted.
 */
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useAuth } from "../hooks/use-auth";
import { PasswordSignInForm } from "./password-sign-in-form";

export function ReauthDialog() {
  const { expiredEmail, signOut } = useAuth();
  return (
    <Dialog open={expiredEmail !== null}>
      <DialogContent
        dismissible={false}
        onOpenAutoFocus={(event) => {
          // The email is known: start in the password field.
          event.preventDefault();
          (event.currentTarget as HTMLElement).querySelector<HTMLInputElement>('input[type="password"]')?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Sign in again to continue</DialogTitle>
          <DialogDescription>
            Your session ended. Nothing on this page is lost: sign in again and carry on where you were.
          </DialogDescription>
        </DialogHeader>
        <PasswordSignInForm email={expiredEmail || undefined} submitLabel="Sign in and continue" offerReset={false} />
        <Button
          variant="link"
          size="inline"
          className="justify-self-start"
          onClick={() => void signOut().then(() => { window.location.assign("/sign-in"); })}
        >
          Not you? Sign in as someone else
        </Button>
      </DialogContent>
    </Dialog>
  );
}
