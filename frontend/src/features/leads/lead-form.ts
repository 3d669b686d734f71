/**
 * The course CTA form: its fields and rules, the request the lead intake expects, and how the
 * intake's field errors find their way back to the inputs.
 */
import * as z from "zod/mini";
import type { Utm } from "@/lib/utm";
import { emailField } from "@/lib/validation/fields";
import { loadPhoneRules } from "@/lib/validation/phone-rules";

const consentsShape = z.object({ email: z.boolean(), whatsapp: z.boolean(), call: z.boolean() });

/** Validates asynchronously (parseAsync): the phone rules are loaded when a number is checked. */
export const leadFormSchema = z
  .object({
    name: z.string().check(
      z.refine((value) => value.trim().length >= 2, "Enter your name."),
      z.refine((value) => value.trim().length <= 120, "Use at most 120 characters."),
    ),
    email: emailField(),
    phone: z.string(),
    course_slug: z.string().check(z.minLength(1, "Choose a course.")),
    consents: consentsShape,
    // Hidden from people; only bots fill it. Sent as typed: the intake decides what to do with it.
    website: z.string(),
  })
  .check(
    z.superRefine(
      async ({ phone, consents }, context) => {
        const needsPhone = consents.whatsapp || consents.call;
        const issue = (path: string, message: string) => {
          context.addIssue({ code: "custom", path: [path], message, input: phone });
        };
        if (phone.trim() !== "") {
          const result = await loadPhoneRules().then(
            (rules) => rules.checkPhone(phone),
            () => ({ ok: false as const, reason: "The number could not be checked. Check your connection and try again." }),
          );
          if (!result.ok) issue("phone", result.reason);
        } else if (needsPhone) {
          issue("phone", "Enter a mobile number for WhatsApp messages and calls.");
        }
        if (!consents.email && !needsPhone) issue("consents", "Choose at least one way we may contact you.");
      },
      // Check the phone and consents even while other fields are wrong, so every error shows at once.
      { when: ({ value }) => consentsShape.safeParse((value as { consents?: unknown } | null)?.consents).success },
    ),
  );

export type LeadFormValues = z.input<typeof leadFormSchema>;

export function emptyLeadForm(courseSlug: string): LeadFormValues {
  return {
    name: "",
    email: "",
    phone: "",
    course_slug: courseSlug,
    // Consent is an affirmative act: nothing is ticked in advance.
    consents: { email: false, whatsapp: false, call: false },
    website: "",
  };
}

/** The JSON body of POST /public/leads. */
export interface LeadPayload {
  name: string;
  email: string;
  phone: string | null;
  course_slug: string;
  consents: { email: boolean; whatsapp: boolean; call: boolean };
  utm: Utm;
  website: string;
}

/** The request for validated values: trimmed text and the phone already normalised to E.164. */
export function toLeadPayload(values: LeadFormValues, utm: Utm, phoneE164: string | null): LeadPayload {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    phone: phoneE164,
    course_slug: values.course_slug,
    consents: { ...values.consents },
    utm,
    website: values.website,
  };
}

export type LeadFieldPath = "name" | "email" | "phone" | "course_slug" | "consents" | "consents.email" | "consents.whatsapp" | "consents.call";

const FIELD_PATHS: readonly LeadFieldPath[] = [
  "name",
  "email",
  "phone",
  "course_slug",
  "consents",
  "consents.email",
  "consents.whatsapp",
  "consents.call",
];

function sentence(reason: string): string {
  const text = reason.trim();
  if (text === "") return "This value was not accepted.";
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Splits the intake's `fields` into reasons for inputs of the form and the rest (UTM values, the
 * honeypot, fields this form does not know), which are shown above the form so none is lost.
 */
export function splitFieldErrors(fields: Readonly<Record<string, string>>): {
  byField: Partial<Record<LeadFieldPath, string>>;
  other: string[];
} {
  const byField: Partial<Record<LeadFieldPath, string>> = {};
  const other: string[] = [];
  for (const [path, reason] of Object.entries(fields)) {
    const known = FIELD_PATHS.find((candidate) => candidate === path);
    if (known) byField[known] = sentence(reason);
    else other.push(`${path}: ${reason}`);
  }
  return { byField, other };
}
