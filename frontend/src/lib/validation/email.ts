/** Email addresses typed into forms: trimmed, checked, and compared without regard to case. */
import { z } from "zod";

const address = z.email();

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

/** The trimmed address, or a reason the person can act on. Case is kept as typed. */
export function checkEmail(input: string): EmailCheck {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter an email address." };
  if (text.length > 254) return { ok: false, reason: "An email address is at most 254 characters." };
  if (!address.safeParse(text).success) {
    return { ok: false, reason: "Enter an email address like name@example.com." };
  }
  return { ok: true, email: text };
}

/** True when two addresses name the same mailbox as the database compares them (case-insensitive). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
