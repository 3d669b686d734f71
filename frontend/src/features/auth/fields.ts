/**
 * Rules for the sign-in forms' fields, as react-hook-form validation rules. The forms on the first
 * page people load use these instead of a schema so no schema library is part of that download;
 * the messages are the same checks every other form uses.
 */
import type { RegisterOptions } from "react-hook-form";
import { checkEmail } from "@/lib/validation/email";

export const emailRules = {
  validate: (value: string) => {
    const result = checkEmail(value);
    return result.ok || result.reason;
  },
} satisfies RegisterOptions<{ email: string }, "email">;

export const passwordRules = {
  validate: (value: string) => value !== "" || "Enter your password.",
} satisfies RegisterOptions<{ password: string }, "password">;
