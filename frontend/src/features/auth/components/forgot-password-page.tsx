/** Asks for an email and sends a reset link; the answer never reveals whether an account exists. */
import { useState } from "react";
import { Link, useLocation } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { sendPasswordReset } from "../api/send-password-reset";
import { checkEmailForm } from "../fields";
import { useAuthForm } from "../hooks/use-auth-form";

/** The email typed on the sign-in page, which its "Forgot your password?" link carries here. */
function carriedEmail(state: unknown): string {
  return typeof state === "object" && state !== null && "email" in state && typeof state.email === "string" ? state.email : "";
}

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useAuthForm({ email: carriedEmail(useLocation().state) }, checkEmailForm);
  const submit = form.onSubmit(async ({ email }) => {
    await sendPasswordReset(email.trim());
    setSentTo(email.trim());
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>Reset your password</h1>
        </CardTitle>
        <CardDescription>We'll email you a link to choose a new password.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sentTo ? (
          <Alert tone="success" title="Check your email">
            If an account uses {sentTo}, a reset link is on its way. It works once and expires within the hour.
          </Alert>
        ) : (
          <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
            {form.rootError ? <Alert tone="error">{form.rootError}</Alert> : null}
            <FormField label="Email" error={form.errors.email}>
              {(control) => <Input {...control} {...form.field("email")} type="email" autoComplete="email" />}
            </FormField>
            <Button type="submit" busy={form.isSubmitting}>
              Email me a reset link
            </Button>
          </form>
        )}
        <Link to="/sign-in" className="text-sm text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </CardContent>
    </Card>
  );
}
