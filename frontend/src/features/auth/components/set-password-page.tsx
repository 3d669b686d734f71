/**
 * Where invite and reset links land: the link signs the person in, then they choose a password.
 * An invalid or expired link says so and offers the way to get a new one.
 */
import { Link, useNavigate } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PageLoading } from "@/components/ui/page-status";
import { toast } from "@/components/ui/toast-store";
import { setPassword } from "../api/set-password";
import { authErrorMessage } from "../auth-messages";
import { useAuthForm } from "../hooks/use-auth-form";
import { useLinkSession } from "../hooks/use-link-session";
import { checkNewPassword } from "../schemas";

const COPY = {
  invite: {
    title: "Welcome! Choose your password",
    description: "You were invited to Coachbase. Choose a password to finish setting up your account.",
    submit: "Save password and continue",
    done: "Your account is ready.",
    invalid: "Ask the center to send you a new invitation.",
  },
  reset: {
    title: "Choose a new password",
    description: "Choose the password you'll use from now on.",
    submit: "Save new password",
    done: "Your password was changed.",
    invalid: "Ask for a new reset link.",
  },
} as const;

export function SetPasswordPage({ purpose }: { purpose: keyof typeof COPY }) {
  const copy = COPY[purpose];
  const link = useLinkSession();
  const navigate = useNavigate();
  const form = useAuthForm({ password: "", confirm: "" }, checkNewPassword);
  const { errors } = form;
  const submit = form.onSubmit(async ({ password }) => {
    await setPassword(password);
    toast({ tone: "success", title: copy.done });
    await navigate("/", { replace: true });
  });

  let body;
  if (link.isPending) {
    body = <PageLoading label="Checking your link…" />;
  } else if (link.isError || !link.data) {
    body = (
      <div className="grid gap-3">
        <Alert tone="error" title="This link can't be used">
          {link.isError ? authErrorMessage(link.error) : "This page needs the link from your email."} {copy.invalid}
        </Alert>
        <Button asChild variant="outline">
          <Link to={purpose === "reset" ? "/forgot-password" : "/sign-in"}>
            {purpose === "reset" ? "Get a new reset link" : "Go to sign in"}
          </Link>
        </Button>
      </div>
    );
  } else {
    body = (
      <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
        {form.rootError ? <Alert tone="error">{form.rootError}</Alert> : null}
        <input type="email" autoComplete="username" value={link.data.user.email ?? ""} readOnly hidden />
        <FormField label="New password" error={errors.password} hint="At least 8 characters.">
          {(control) => <Input {...control} {...form.field("password")} type="password" autoComplete="new-password" />}
        </FormField>
        <FormField label="Type it again" error={errors.confirm}>
          {(control) => <Input {...control} {...form.field("confirm")} type="password" autoComplete="new-password" />}
        </FormField>
        <Button type="submit" busy={form.isSubmitting}>
          {copy.submit}
        </Button>
      </form>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h1>{copy.title}</h1>
        </CardTitle>
        <CardDescription>
          {link.data?.user.email ? `${copy.description} Account: ${link.data.user.email}.` : copy.description}
        </CardDescription>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
}
