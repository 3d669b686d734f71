import { describe, expect, it } from "vitest";
import { checkPhone } from "@/lib/validation/phone";
import { formValues, profileChanges, type StudentProfile } from "./student-profile";

const PROFILE: StudentProfile = {
  id: "u1",
  full_name: "Asha Rao",
  email: "asha@example.com",
  phone: null,
  timezone: null,
  parent_name: null,
  parent_phone: null,
  parent_email: null,
};

describe("profileChanges", () => {
  it("stores phones as E.164 and empty optional fields as null", () => {
    const values = { ...formValues(PROFILE), phone: "98765 43210", parent_name: "  " };
    expect(profileChanges(values, checkPhone)).toEqual({
      ok: true,
      changes: { full_name: "Asha Rao", phone: "+919876543210", parent_name: null, parent_phone: null, parent_email: null },
    });
  });

  it("names every field that cannot be saved", () => {
    const values = { ...formValues(PROFILE), full_name: " ", parent_phone: "12", parent_email: "mum@" };
    const result = profileChanges(values, checkPhone);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["full_name", "parent_email", "parent_phone"]);
  });
});
