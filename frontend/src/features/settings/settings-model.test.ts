import { describe, expect, it } from "vitest";
import { automationFormValues, automationSchema, automationUpdate, centerSchema, centerUpdate, credentialChanges, describeCredential, isTimeZone, parseDayList, parseKeywords, type AutomationSettingsRow } from "./settings-model";

const automationRow: AutomationSettingsRow = {
  id: true,
  quiet_hours_start: "09:00:00",
  quiet_hours_end: "21:00:00",
  opt_out_keywords: ["STOP", "बंद"],
  follow_up_days: [1, 3, 7],
  fee_reminder_days: [1, 3, 5],
  payment_provider: "instamojo",
  send_payment_link_when_interested: false,
  cancel_enrollment_on_refund: true,
  rate_limits: {},
  updated_by: null,
  updated_at: "",
};

describe("automation settings", () => {
  it("reads day lists, sorted and without repeats", () => {
    expect(parseDayList("7, 1 3,3")).toEqual([1, 3, 7]);
    expect(parseDayList("0, 2")).toBeNull();
    expect(parseDayList("1.5")).toBeNull();
    expect(parseDayList("")).toBeNull();
  });

  it("reads opt-out words one a line or comma, keeping each once", () => {
    expect(parseKeywords("STOP\nstop, बंद\n\n band karo ")).toEqual(["STOP", "बंद", "band karo"]);
  });

  it("round-trips the row through the form", () => {
    const values = automationFormValues(automationRow);
    expect(values.quiet_hours_start).toBe("09:00");
    expect(automationUpdate({ ...values, follow_up_days: "2, 4" })).toMatchObject({ follow_up_days: [2, 4], opt_out_keywords: ["STOP", "बंद"], quiet_hours_end: "21:00" });
  });

  it("wants a window that ends after it starts and at least one opt-out word", () => {
    const result = automationSchema.safeParse({ ...automationFormValues(automationRow), quiet_hours_start: "22:00", opt_out_keywords: " \n" });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(["quiet_hours_end", "opt_out_keywords"]));
  });
});

describe("center profile", () => {
  const valid = { name: "Vidya", legal_name: "", timezone: "Asia/Kolkata", contact_email: "", contact_phone: "+91 98765-43210", website_url: "", address: "", gstin: "27aaaaa0000a1z2" };

  it("knows time zones", () => {
    expect(isTimeZone("Asia/Kolkata")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("normalizes what it stores: E.164 phone, upper-case GSTIN, empty as null", () => {
    expect(centerSchema.safeParse(valid).success).toBe(true);
    expect(centerUpdate(valid)).toMatchObject({ contact_phone: "+919876543210", gstin: "27AAAAA0000A1Z2", legal_name: null, contact_email: null });
  });

  it("refuses a GSTIN whose check character does not match, as receipts and the database do", () => {
    expect(centerSchema.safeParse({ ...valid, gstin: "27aaaaa0000a1z5" }).error?.issues.map((issue) => issue.path[0])).toEqual(["gstin"]);
  });

  it("names what is wrong", () => {
    const result = centerSchema.safeParse({ ...valid, name: " ", contact_email: "nope", contact_phone: "98765", gstin: "123", website_url: "center.in" });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(["name", "contact_email", "contact_phone", "gstin", "website_url"]));
  });
});

describe("provider credentials", () => {
  it("shows at most the last four characters", () => {
    expect(describeCredential({ provider: "sendgrid", name: "api_key", hint: "1234", updated_at: "" })).toBe("Set, ends with ••1234");
    expect(describeCredential({ provider: "sendgrid", name: "api_key", hint: null, updated_at: "" })).toBe("Set");
    expect(describeCredential(undefined)).toMatch(/^Not set/);
  });

  it("sends only the fields filled in", () => {
    expect(credentialChanges({ api_key: " SG.x ", webhook_secret: "  " })).toEqual({ api_key: "SG.x" });
  });
});
