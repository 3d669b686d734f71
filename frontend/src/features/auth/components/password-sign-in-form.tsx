/** Email + password sign-in; on success the caller decides where to go. */
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInWithPassword } from "../api/sign-in-with-password";
import { authErrorMessage } from "../auth-messages";
import { emailRules, passwordRules } from "../fields";

interface PasswordSignInFormProps {
  /** Fixes the email (re-authentication of the same person). */
  email?: string;
  submitLabel?: string;
  /** Offers the forgot-password page (not inside the re-authentication dialog: it would leave the page). */
  offerReset?: boolean;
}

export function PasswordSignInForm({ email, submitLabel = "Sign in", offerReset = true }: PasswordSignInFormProps) {
  const form = useForm({ defaultValues: { email: email ?? "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    try {
      await signInWithPassword(values.email.trim(), values.password);
    } catch (error) {
      form.setError("root", { message: authErrorMessage(error) });
    }
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField label="Email" error={errors.email?.message}>
        {(control) => (
          <Input
            {...control}
            {...form.register("email", emailRules)}
            type="email"
            autoComplete="email"
            readOnly={email !== undefined}
          />
        )}
      </FormField>
      <FormField label="Password" error={errors.password?.message}>
        {(control) => <Input {...control} {...form.register("password", passwordRules)} type="password" autoComplete="current-password" />}
      </FormField>
      <div className="flex items-center justify-between gap-3">
        {offerReset ? (
          <Link to="/forgot-password" className="text-sm text-brand-600 hover:underline">
            Forgot your password?
          </Link>
        ) : null}
        <Button type="submit" busy={isSubmitting} className="ml-auto">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
