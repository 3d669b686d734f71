/** Email + password sign-in; on success the caller decides where to go. */
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInWithPassword } from "../api/sign-in-with-password";
import { checkPasswordSignIn } from "../fields";
import { useAuthForm } from "../hooks/use-auth-form";

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
          />
        )}
      </FormField>
      <FormField label="Password" error={errors.password}>
        {(control) => <Input {...control} {...form.field("password")} type="password" autoComplete="current-password" />}
      </FormField>
      <div className="flex items-center justify-between gap-3">
        {offerReset ? (
          <Link to="/forgot-password" className="text-sm text-brand-600 hover:underline">
            Forgot your password?
          </Link>
        ) : null}
        <Button type="submit" busy={form.isSubmitting} className="ml-auto">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
