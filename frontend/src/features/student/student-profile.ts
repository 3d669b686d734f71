/** The profile form: what the student may edit (their and their parent's contact), checked and normalised. */
import { checkEmail } from "@/lib/validation/email";
import type { PhoneCheck } from "@/lib/validation/phone";

export interface StudentProfile {
  id: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  timezone: string | null;
  parent_name: string | null;
  parent_phone: string | null;
  parent_email: string | null;
}

export interface ProfileValues {
  full_name: string;
  phone: string;
  parent_name: string;
  parent_phone: string;
  parent_email: string;
}

export type ProfileChanges = { [K in keyof ProfileValues]: K extends "full_name" ? string : string | null };

export type FieldErrors = Partial<Record<keyof ProfileValues, string>>;

export function formValues(profile: StudentProfile): ProfileValues {
  return {
    full_name: profile.full_name,
    phone: profile.phone ?? "",
    parent_name: profile.parent_name ?? "",
    parent_phone: profile.parent_phone ?? "",
    parent_email: profile.parent_email ?? "",
  };
}

/**
 * The values as the database stores them (E.164 phones, empty optional fields as null), or the
 * errors to show next to each field. `checkPhone` is passed in so its metadata loads on demand.
 */
export function profileChanges(
  values: ProfileValues,
  checkPhone: (input: string) => PhoneCheck,
): { ok: true; changes: ProfileChanges } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = values.full_name.trim();
  if (name === "") errors.full_name = "Enter your name.";
  else if (name.length > 200) errors.full_name = "Use at most 200 characters.";
  if (values.parent_name.trim().length > 200) errors.parent_name = "Use at most 200 characters.";
  const phone = optionalPhone(values.phone, checkPhone);
  if (!phone.ok) errors.phone = phone.reason;
  const parentPhone = optionalPhone(values.parent_phone, checkPhone);
  if (!parentPhone.ok) errors.parent_phone = parentPhone.reason;
  const parentEmail = values.parent_email.trim();
  const emailCheck = parentEmail === "" ? null : checkEmail(parentEmail);
  if (emailCheck && !emailCheck.ok) errors.parent_email = emailCheck.reason;
  if (Object.keys(errors).length > 0 || !phone.ok || !parentPhone.ok) return { ok: false, errors };
  return {
    ok: true,
    changes: {
      full_name: name,
      phone: phone.value,
      parent_name: values.parent_name.trim() || null,
      parent_phone: parentPhone.value,
      parent_email: parentEmail === "" ? null : parentEmail,
    },
  };
}

function optionalPhone(
  input: string,
  checkPhone: (input: string) => PhoneCheck,
): { ok: true; value: string | null } | { ok: false; reason: string } {
  if (input.trim() === "") return { ok: true, value: null };
  const result = checkPhone(input);
  return result.ok ? { ok: true, value: result.e164 } : result;
}
