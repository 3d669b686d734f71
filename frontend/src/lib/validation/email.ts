/** Email addresses typed into forms: trimmed, checked, and compared without regard to case. */

// Deliberately plain: letters, digits and the usual symbols before the @, dot-separated labels
// after it ending in a letters-only top-level domain. No quoted local parts, no IP literals.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

function isAddress(text: string): boolean {
  const at = text.lastIndexOf("@");
  if (at <= 0) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  return local.length <= 64 && domain.length <= 253 && LOCAL_PART.test(local) && DOMAIN.test(domain);
}

/** The trimmed address, or a reason the person can act on. Case is kept as typed. */
export function checkEmail(input: string): EmailCheck {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter an email address." };
  if (text.length > 254) return { ok: false, reason: "An email address is at most 254 characters." };
  if (!isAddress(text)) return { ok: false, reason: "Enter an email address like name@example.com." };
  return { ok: true, email: text };
}

/** True when two addresses name the same mailbox as the database compares them (case-insensitive). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
