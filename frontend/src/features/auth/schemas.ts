/** The auth forms' fields and their rules. */
import { z } from "zod";
import { emailField } from "@/lib/validation/fields";

// GoTrue hashes with bcrypt, which reads only the first 72 bytes of a password.
const MAX_PASSWORD_BYTES = 72;

export const signInSchema = z.object({
  email: emailField(),
  password: z.string().min(1, { message: "Enter your password." }),
});

export const magicLinkSchema = z.object({ email: emailField() });

export const newPasswordSchema = z
  .object({
    password: z
      .string()
      .min(8, { message: "Use at least 8 characters." })
      .refine((value) => new TextEncoder().encode(value).length <= MAX_PASSWORD_BYTES, {
        message: "Use at most 72 characters.",
      }),
    confirm: z.string(),
  })
  .refine((values) => values.password === values.confirm, {
    path: ["confirm"],
    message: "The two passwords are not the same.",
  });
