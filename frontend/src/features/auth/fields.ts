/**
 * Checks of the sign-in forms' fields. The forms on the first page people load use these plain
 * functions instead of a schema so no schema library is part of that download; the email check is
 * the same one every other form uses.
 */
import { checkEmail } from "@/lib/validation/email";
import type { FieldErrors } from "./hooks/use-auth-form";

function emailError(email: string): string | undefined {
  const result = checkEmail(email);
  return result.ok ? undefined : result.reason;
}

/** The magic-link and forgot-password forms: one email. */
export function checkEmailForm(values: { email: string }): FieldErrors<{ email: string }> {
  return { email: emailError(values.email) };
}

/** The password sign-in form. */
export function checkPasswordSignIn(values: { email: string; password: string }): FieldErrors<typeof values> {
  return { email: emailError(values.email), password: values.password === "" ? "Enter your password." : undefined };
}
