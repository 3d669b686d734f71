/** zod schemas for the fields every form shares, with the same messages as the checks they wrap. */
import * as z from "zod/mini";
import { checkEmail } from "./email";

/** A required email address. */
export function emailField() {
  return z.string().check(
    z.superRefine((value, context) => {
      const result = checkEmail(value);
      if (!result.ok) context.addIssue({ code: "custom", message: result.reason, input: value });
    }),
  );
}
