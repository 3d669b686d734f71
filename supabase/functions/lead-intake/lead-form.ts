// The landing page's lead form: what a visitor may send, checked before it reaches the service.
// The service validates again, authoritatively (email deliverability, phone numbers for India).

import { z } from "zod";

/** Hidden from people by the page; only bots fill it in. */
export const HONEYPOT = "website";

// An empty text box means "not given".
const given = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);
const consent = z.boolean().default(false);

const leadForm = z.strictObject({
  name: text(120).min(1, "Enter your name."),
  email: given(z.string().trim().max(254).pipe(z.email("Enter a valid email address."))),
  phone: given(z.string().trim().regex(/^\+?[0-9][0-9 ()-]{6,19}$/, "Enter a valid phone number.")),
  course_slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a course.").max(100),
  consents: z.strictObject({ email: consent, whatsapp: consent, call: consent, sms: consent })
    .default({ email: false, whatsapp: false, call: false, sms: false }),
  utm: z.strictObject({
    source: given(text(200)),
    medium: given(text(200)),
    campaign: given(text(200)),
    term: given(text(200)),
    content: given(text(200)),
  }).default({}),
  [HONEYPOT]: given(z.string().max(2000)),
}).refine((form) => form.email || form.phone, {
  message: "Give an email address or a phone number.",
  path: ["email"],
});

/** What the service's POST /public/leads receives: the form, trimmed, with defaults filled in. */
export type Lead = Omit<z.infer<typeof leadForm>, typeof HONEYPOT>;

export type Parsed =
  | { ok: true; lead: Lead }
  | { ok: false; fields: Record<string, string> };

/** True when a bot filled in the hidden field. */
export function isBot(body: unknown): boolean {
  return typeof body === "object" && body !== null &&
    typeof (body as Record<string, unknown>)[HONEYPOT] === "string" &&
    (body as Record<string, string>)[HONEYPOT].trim() !== "";
}

/** The lead, or one message per invalid field (named by its path, e.g. `utm.source`). */
export function parseLeadForm(body: unknown): Parsed {
  const result = leadForm.safeParse(body);
  if (result.success) {
    const { [HONEYPOT]: _honeypot, ...lead } = result.data;
    return { ok: true, lead };
  }
  return { ok: false, fields: fieldErrors(result.error.issues) };
}

function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] = "Unknown field.";
    } else {
      fields[issue.path.join(".") || "body"] ??= issue.message;
    }
  }
  return fields;
}
