/** The new-password form's fields and rules (invite and reset pages). */
import * as z from "zod/mini";
import type { FieldErrors } from "./hooks/use-auth-form";

// GoTrue hashes with bcrypt, which reads only the first 72 bytes of a password.
const MAX_PASSWORD_BYTES = 72;

export const newPasswordSchema = z
  .object({
    password: z.string().check(
      z.minLength(8, "Use at least 8 characters."),
      z.refine((value) => new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES, "Use at most 72 characters."),
    ),
    confirm: z.string(),
  })
  .check(
    z.refine((values) => values.password === values.confirm, {
      path: ["confirm"],
      message: "The two passwords are not the same.",
    }),
  );

/** The new-password form's field errors: the first message for each field. */
export function checkNewPassword(values: { password: string; confirm: string }): FieldErrors<typeof values> {
  const errors: FieldErrors<typeof values> = {};
  for (const issue of newPasswordSchema.safeParse(values).error?.issues ?? []) {
    const name = issue.path[0];
    if ((name === "password" || name === "confirm") && errors[name] === undefined) errors[name] = issue.message;
  }
  return errors;
}
