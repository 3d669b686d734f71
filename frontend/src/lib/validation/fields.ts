/** zod schemas for the fields every form shares, with the same messages as the checks they wrap. */
import { z } from "zod";
import { checkEmail } from "./email";
import { checkPhone } from "./phone";

/** A required email address; the output is trimmed. */
export function emailField() {
  return z.string().transform((value, context) => {
    const result = checkEmail(value);
    if (result.ok) return result.email;
    context.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  });
}

/** A mobile number (India by default); the output is E.164, or null when left blank and optional. */
export function phoneField({ required }: { required: boolean }) {
  return z.string().transform((value, context) => {
    if (!required && value.trim() === "") return null;
    const result = checkPhone(value);
    if (result.ok) return result.e164;
    context.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  });
}
