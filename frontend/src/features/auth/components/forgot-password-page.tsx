/** Asks for an email and sends a reset link; the answer never reveals whether an account exists. */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { sendPasswordReset } from "../api/send-password-reset";
import { authErrorMessage } from "../auth-messages";
import { emailRules } from "../fields";

export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ email }) => {
    try {
      await sendPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      form.setError("root", { message: authErrorMessage(error) });
    }
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
            {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
            <FormField label="Email" error={errors.email?.message}>
              {(control) => <Input {...control} {...form.register("email", emailRules)} type="email" autoComplete="email" />}
            </FormField>
            <Button type="submit" busy={isSubmitting}>
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
