/** Emails a one-time sign-in link, then says where to look. */
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { sendMagicLink } from "../api/send-magic-link";
import { authErrorMessage } from "../auth-messages";
import { emailRules } from "../fields";

export function MagicLinkForm({ next }: { next: string | null }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async ({ email }) => {
    try {
      await sendMagicLink(email.trim(), next);
      setSentTo(email.trim());
    } catch (error) {
      form.setError("root", { message: authErrorMessage(error) });
    }
  });

  if (sentTo) {
    return (
      <Alert tone="success" title="Check your email">
        We sent a sign-in link to {sentTo}. Open it on this device within the hour. No email after a few minutes?
        Look in spam, or{" "}
        <button type="button" className="font-medium underline" onClick={() => { setSentTo(null); }}>
          send another
        </button>
        .
      </Alert>
    );
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="grid gap-4">
      {errors.root?.message ? <Alert tone="error">{errors.root.message}</Alert> : null}
      <FormField label="Email" error={errors.email?.message} hint="We'll email you a link that signs you in.">
        {(control) => <Input {...control} {...form.register("email", emailRules)} type="email" autoComplete="email" />}
      </FormField>
      <Button type="submit" busy={isSubmitting}>
        Email me a sign-in link
      </Button>
    </form>
  );
}
