import { describe, expect, it } from "vitest";
import { emptyUtm } from "@/lib/utm";
import { emptyLeadForm, leadFormSchema, splitFieldErrors, toLeadPayload, type LeadFormValues } from "./lead-form";

const valid: LeadFormValues = {
  ...emptyLeadForm("python-basics"),
  name: "Asha Rao",
  email: " asha@example.com ",
  phone: "98765 43210",
  consents: { email: true, whatsapp: true, call: false },
};

async function messages(values: LeadFormValues): Promise<Record<string, string>> {
  const result = await leadFormSchema.safeParseAsync(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("emptyLeadForm", () => {
  it("starts on the page's course with no channel ticked in advance", () => {
    expect(emptyLeadForm("python-basics")).toMatchObject({
      course_slug: "python-basics",
      consents: { email: false, whatsapp: false, call: false },
    });
  });
});

describe("leadFormSchema", () => {
  it("accepts a complete form", async () => {
    expect(await messages(valid)).toEqual({});
  });

  it("reports every problem at once", async () => {
    expect(await messages({ ...emptyLeadForm(""), consents: { email: false, whatsapp: true, call: false } })).toEqual({
      name: "Enter your name.",
      email: "Enter an email address.",
      phone: "Enter a mobile number for WhatsApp messages and calls.",
      course_slug: "Choose a course.",
    });
  });

  it("needs a phone only for WhatsApp or calls, but checks one that is given", async () => {
    expect(await messages({ ...valid, phone: "", consents: { email: true, whatsapp: false, call: false } })).toEqual({});
    expect(await messages({ ...valid, phone: "", consents: { email: true, whatsapp: false, call: true } })).toHaveProperty("phone");
    const wrong = await messages({ ...valid, phone: "12345", consents: { email: true, whatsapp: false, call: false } });
    expect(wrong.phone).toContain("valid mobile number");
  });

  it("needs at least one channel", async () => {
    expect(await messages({ ...valid, consents: { email: false, whatsapp: false, call: false } })).toEqual({
      consents: "Choose at least one way we may contact you.",
    });
  });
});

describe("toLeadPayload", () => {
  it("builds the intake's request with the E.164 phone and the visit's UTM", () => {
    const utm = { ...emptyUtm(), source: "instagram" };
    expect(toLeadPayload({ ...valid, website: "" }, utm, "+919876543210")).toEqual({
      name: "Asha Rao",
      email: "asha@example.com",
      phone: "+919876543210",
      course_slug: "python-basics",
      consents: { email: true, whatsapp: true, call: false },
      utm,
      website: "",
    });
  });

  it("sends no phone as null and the honeypot as typed", () => {
    const payload = toLeadPayload({ ...valid, phone: " ", website: "http://spam.example" }, emptyUtm(), null);
    expect(payload.phone).toBeNull();
    expect(payload.website).toBe("http://spam.example");
  });
});

describe("splitFieldErrors", () => {
  it("puts reasons on the inputs they name and keeps the rest", () => {
    expect(
      splitFieldErrors({ email: "already registered for this course", "consents.call": "needs a phone", "utm.source": "too long", website: "" }),
    ).toEqual({
      byField: { email: "Already registered for this course.", "consents.call": "Needs a phone." },
      other: ["utm.source: too long", "website: "],
    });
  });
});
