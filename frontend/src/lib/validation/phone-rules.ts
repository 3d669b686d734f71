/**
 * The phone rules on demand: they carry libphonenumber's metadata (about 33 kB gzip), which the
 * public course page fetches only once someone types a number or sends the form.
 */
export type PhoneRules = typeof import("./phone");

export function loadPhoneRules(): Promise<PhoneRules> {
  return import("./phone");
}
