/** Email + password sign-in; on success the caller decides where to go. */
import { Loader2 } from "lucide-react";
import { Link, useNavigation } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInWithPassword } from "../api/sign-in-with-password";
import { checkPasswordSignIn } from "../fields";
import { useAuthForm } from "../hooks/use-auth-form";

const RESET_PAGE = "/forgot-password";

interface PasswordSignInFormProps {
  /** Fixes the email (re-authentication of the same person). */
  email?: string;
  submitLabel?: string;
  /** Offers the forgot-password page (not inside the re-authentication dialog: it would leave the page). */
  offerReset?: boolean;
}

export function PasswordSignInForm({ email, submitLabel = "Sign in", offerReset = true }: PasswordSignInFormProps) {
  const form = useAuthForm({ email: email ?? "", password: "" }, checkPasswordSignIn);
  const { errors } = form;
  const submit = form.onSubmit((values) => signInWithPassword(values.email.trim(), values.password));
  // The reset page's code loads on demand and this form stays on screen until it arrives: it is
  // locked meanwhile (typing would be lost) and the link shows it is opening (decision 0865).
  const openingReset = useNavigation().location?.pathname === RESET_PAGE;

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      {form.rootError ? <Alert tone="error">{form.rootError}</Alert> : null}
      <FormField label="Email" error={errors.email}>
        {(control) => (
          <Input
            {...control}
            {...form.field("email")}
            type="email"
            autoComplete="email"
            readOnly={email !== undefined}
            disabled={openingReset}
          />
        )}
      </FormField>
      <FormField label="Password" error={errors.password}>
        {(control) => (
          <Input
            {...control}
            {...form.field("password")}
            type="password"
            autoComplete="current-password"
            disabled={openingReset}
          />
        )}
      </FormField>
      <div className="flex items-center justify-between gap-3">
        {offerReset ? (
          <Link
            to={RESET_PAGE}
            state={{ email: form.values.email.trim() }}
            aria-busy={openingReset || undefined}
            className="inline-flex items-center gap-1.5 text-sm text-brand-600 hover:underline"
          >
            {openingReset ? <Loader2 className="size-4 animate-spin" aria-hidden="true" /> : null}
            Forgot your password?
          </Link>
        ) : null}
        <Button type="submit" busy={form.isSubmitting} disabled={openingReset} className="ml-auto">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
