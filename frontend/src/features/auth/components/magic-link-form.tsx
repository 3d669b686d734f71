/** Emails a one-time sign-in link, then says where to look. */
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { sendMagicLink } from "../api/send-magic-link";
import { checkEmailForm } from "../fields";
import { useAuthForm } from "../hooks/use-auth-form";

export function MagicLinkForm({ next }: { next: string | null }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useAuthForm({ email: "" }, checkEmailForm);
  const submit = form.onSubmit(async ({ email }) => {
    await sendMagicLink(email.trim(), next);
    setSentTo(email.trim());
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
      {form.rootError ? <Alert tone="error">{form.rootError}</Alert> : null}
      <FormField label="Email" error={form.errors.email} hint="We'll email you a link that signs you in.">
        {(control) => <Input {...control} {...form.field("email")} type="email" autoComplete="email" />}
      </FormField>
      <Button type="submit" busy={form.isSubmitting}>
        Email me a sign-in link
      </Button>
    </form>
  );
}
