/** The refund form's rules and the request's body, as contract C2 describes them (loaded with the form). */
import * as z from "zod/mini";
import { rupeesToPaise } from "@/lib/validation/rupees";

export function refundSchema(maxPaise: number) {
  return z
    .object({
      kind: z.enum(["full", "part"]),
      amount: z.string(),
      reason: z.string().check(z.refine((value) => value.trim().length >= 3 && value.trim().length <= 500, "Say why, in 3 to 500 characters; the student may see it.")),
    })
    .check(
      z.refine(
        ({ kind, amount }) => {
          if (kind === "full") return true;
          const paise = rupeesToPaise(amount);
          return paise !== null && paise > 0 && paise <= maxPaise;
        },
        { message: "Enter an amount above ₹0 and no more than what can still be refunded.", path: ["amount"] },
      ),
    );
}
export type RefundFormValues = z.infer<ReturnType<typeof refundSchema>>;

/** The request body of POST /admin/payments/<id>/refunds; a full refund sends amount_paise null. */
export function refundBody(values: RefundFormValues): { amount_paise: number | null; reason: string } {
  return { amount_paise: values.kind === "full" ? null : rupeesToPaise(values.amount), reason: values.reason.trim() };
}
