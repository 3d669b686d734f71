/** Mobile numbers typed by people in India, normalised to E.164 as the database stores them. */
// The mobile metadata accepts only numbers that can receive WhatsApp messages and calls we place.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/mobile";

export const DEFAULT_PHONE_REGION: CountryCode = "IN";

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Parses what someone typed ("98765 43210", "098765-43210", "+91 98765 43210", "+44 7911 123456")
 * with India as the region for numbers without a country code. Returns the E.164 form, or a
 * reason the person can act on.
 */
export function checkPhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): PhoneCheck {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter a phone number." };
  if (/[a-z]/i.test(text)) return { ok: false, reason: "A phone number has only digits, spaces, dashes and a leading +." };
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed?.isValid()) {
    return { ok: false, reason: "Enter a valid mobile number, e.g. 98765 43210 or +91 98765 43210." };
  }
  return { ok: true, e164: parsed.number };
}

/** The E.164 form of a valid number, or null. */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const result = checkPhone(input, region);
  return result.ok ? result.e164 : null;
}

/** A stored E.164 number shown for reading: "+91 98765 43210". Unparseable values come back unchanged. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
