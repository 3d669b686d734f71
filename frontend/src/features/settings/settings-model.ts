/**
 * The Settings page's forms: their rules (zod), and how form values map to the settings rows and back.
 * Provider credentials are write-only: the page learns only which are set and their last characters.
 */
import * as z from "zod/mini";
import type { Database } from "@/lib/database.types";
import { checkEmail } from "@/lib/validation/email";
import { isGstin } from "./gstin";

type Tables = Database["public"]["Tables"];
export type CenterSettingsRow = Tables["center_settings"]["Row"];
export type AutomationSettingsRow = Tables["automation_settings"]["Row"];
export type PaymentProvider = Database["public"]["Enums"]["payment_provider"];

const E164 = /^\+[1-9][0-9]{6,14}$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** True for an IANA zone name the browser knows (e.g. Asia/Kolkata). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

function text(max: number, required: string | null) {
  return z.string().check(
    z.refine((value) => required === null || value.trim() !== "", required ?? ""),
    z.refine((value) => value.trim().length <= max, `Use at most ${String(max)} characters.`),
  );
}

function optional(rule: (value: string) => boolean, message: string) {
  return z.string().check(z.refine((value) => value.trim() === "" || rule(value.trim()), message));
}

export const centerSchema = z.object({
  name: text(200, "Enter the center's name."),
  legal_name: text(200, null),
  timezone: z.string().check(z.refine((value) => isTimeZone(value.trim()), "Enter a time zone such as Asia/Kolkata.")),
  contact_email: optional((value) => checkEmail(value).ok, "Enter an email address such as hello@center.in."),
  contact_phone: optional((value) => E164.test(value.replace(/[\s-]/g, "")), "Enter the number with its country code, such as +91 98765 43210."),
  website_url: optional((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/.test(value), "Enter an address starting with https://."),
  address: text(500, null),
  gstin: optional(
    (value) => isGstin(value.toUpperCase()),
    "A GSTIN is 15 characters, such as 27AAAAA0000A1Z2, and its last character must match the rest: copy it from the GST registration certificate.",
  ),
});
export type CenterFormValues = z.infer<typeof centerSchema>;

export function centerFormValues(row: CenterSettingsRow): CenterFormValues {
  return {
    name: row.name,
    legal_name: row.legal_name ?? "",
    timezone: row.timezone,
    contact_email: row.contact_email ?? "",
    contact_phone: row.contact_phone ?? "",
    website_url: row.website_url ?? "",
    address: row.address ?? "",
    gstin: row.gstin ?? "",
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

export function centerUpdate(values: CenterFormValues): Tables["center_settings"]["Update"] {
  return {
    name: values.name.trim(),
    legal_name: orNull(values.legal_name),
    timezone: values.timezone.trim(),
    contact_email: orNull(values.contact_email),
    contact_phone: orNull(values.contact_phone.replace(/[\s-]/g, "")),
    website_url: orNull(values.website_url),
    address: orNull(values.address),
    gstin: orNull(values.gstin.toUpperCase()),
  };
}

/** "1, 3, 7" → [1, 3, 7]; null unless every entry is a whole number of days from 1 to 90. */
export function parseDayList(input: string): number[] | null {
  const parts = input.split(/[\s,]+/).filter(Boolean);
  const days = parts.map(Number);
  if (days.length === 0 || days.length > 10 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 90)) return null;
  return [...new Set(days)].sort((a, b) => a - b);
}

/** One keyword a line or comma; blanks dropped, repeats (ignoring case) kept once. */
export function parseKeywords(input: string): string[] {
  const seen = new Set<string>();
  return input
    .split(/[\n,]+/)
    .map((word) => word.trim())
    .filter((word) => word !== "" && !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()));
}

const dayList = z.string().check(z.refine((value) => parseDayList(value) !== null, "Enter days as whole numbers from 1 to 90, such as 1, 3, 7."));
const clock = z.string().check(z.refine((value) => TIME.test(value), "Enter a time such as 09:00."));

export const automationSchema = z
  .object({
    quiet_hours_start: clock,
    quiet_hours_end: clock,
    follow_up_days: dayList,
    fee_reminder_days: dayList,
    opt_out_keywords: z.string().check(z.refine((value) => parseKeywords(value).length > 0, "Keep at least one opt-out word, such as STOP.")),
    payment_provider: z.enum(["instamojo", "phonepe"]),
    send_payment_link_when_interested: z.boolean(),
    cancel_enrollment_on_refund: z.boolean(),
  })
  .check(
    z.refine((values) => !TIME.test(values.quiet_hours_end) || values.quiet_hours_start < values.quiet_hours_end, {
      message: "The sending window must end after it starts.",
      path: ["quiet_hours_end"],
    }),
  );
export type AutomationFormValues = z.infer<typeof automationSchema>;

export function automationFormValues(row: AutomationSettingsRow): AutomationFormValues {
  return {
    quiet_hours_start: row.quiet_hours_start.slice(0, 5),
    quiet_hours_end: row.quiet_hours_end.slice(0, 5),
    follow_up_days: row.follow_up_days.join(", "),
    fee_reminder_days: row.fee_reminder_days.join(", "),
    opt_out_keywords: row.opt_out_keywords.join("\n"),
    payment_provider: row.payment_provider,
    send_payment_link_when_interested: row.send_payment_link_when_interested,
    cancel_enrollment_on_refund: row.cancel_enrollment_on_refund,
  };
}

export function automationUpdate(values: AutomationFormValues): Tables["automation_settings"]["Update"] {
  return {
    quiet_hours_start: values.quiet_hours_start,
    quiet_hours_end: values.quiet_hours_end,
    follow_up_days: parseDayList(values.follow_up_days) ?? [],
    fee_reminder_days: parseDayList(values.fee_reminder_days) ?? [],
    opt_out_keywords: parseKeywords(values.opt_out_keywords),
    payment_provider: values.payment_provider,
    send_payment_link_when_interested: values.send_payment_link_when_interested,
    cancel_enrollment_on_refund: values.cancel_enrollment_on_refund,
  };
}

export interface CredentialField {
  name: string;
  label: string;
}

/** Secret names and their labels, per provider, as the service accepts them (automation/credentials/catalog.py). */
const CREDENTIAL_LABELS: Record<string, { label: string; fields: Record<string, string> }> = {
  sendgrid: {
    label: "SendGrid (email)",
    fields: { api_key: "API key", webhook_public_key: "Event webhook verification key", inbound_secret: "Inbound Parse path secret" },
  },
  aisensy: { label: "AiSensy (WhatsApp)", fields: { api_key: "API key", webhook_secret: "Webhook secret" } },
  bolna: { label: "Bolna (AI calls)", fields: { api_key: "API key", webhook_secret: "Webhook path secret" } },
  instamojo: { label: "Instamojo (payments)", fields: { client_id: "Client ID", client_secret: "Client secret", private_salt: "Private salt" } },
  phonepe: {
    label: "PhonePe (payments)",
    fields: {
      client_id: "Client ID",
      client_secret: "Client secret",
      webhook_username: "Webhook username",
      webhook_password: "Webhook password",
      merchant_id: "Merchant ID (v1)",
      salt_key: "Salt key (v1)",
    },
  },
};

export const PROVIDER_CREDENTIALS: { provider: string; label: string; fields: CredentialField[] }[] = Object.entries(CREDENTIAL_LABELS).map(([provider, { label, fields }]) => ({
  provider,
  label,
  fields: Object.entries(fields).map(([name, fieldLabel]) => ({ name, label: fieldLabel })),
}));

export interface StoredCredential {
  provider: string;
  name: string;
  hint: string | null;
  updated_at: string;
}

/** What the page may say about a stored secret: never more than its last four characters. */
export function describeCredential(stored: StoredCredential | undefined): string {
  if (!stored) return "Not set here (the service's environment applies)";
  return stored.hint ? `Set, ends with ••${stored.hint}` : "Set";
}

/** The filled-in fields only, trimmed: an empty field leaves the stored secret as it is. */
export function credentialChanges(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.trim()] as const).filter(([, value]) => value !== ""));
}
