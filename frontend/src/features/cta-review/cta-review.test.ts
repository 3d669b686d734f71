import { describe, expect, it } from "vitest";
import { consentSummary, submissionAnswers, submitterName } from "./cta-review";

describe("submissionAnswers", () => {
  it("shows the person's own answers and leaves out what the card shows elsewhere", () => {
    const answers = {
      name: "Asha Rao",
      email: "asha@example.com",
      consents: { email: true },
      utm: { source: "google" },
      goal: "Job interviews",
      preferred_time: "Evening",
      message: "  ",
      siblings: 2,
      weekend_ok: true,
    };
    expect(submissionAnswers(answers)).toEqual([
      ["Goal", "Job interviews"],
      ["Preferred time", "Evening"],
      ["Siblings", "2"],
      ["Weekend ok", "Yes"],
    ]);
  });

  it("has nothing to show for answers that are not an object", () => {
    expect(submissionAnswers(null)).toEqual([]);
    expect(submissionAnswers(["a"])).toEqual([]);
  });
});

describe("consentSummary", () => {
  it("names the channels the lead agreed to and those refused, ignoring the parent's", () => {
    expect(
      consentSummary([
        { party: "self", channel: "whatsapp", state: "opted_in" },
        { party: "self", channel: "email", state: "opted_in" },
        { party: "self", channel: "call", state: "opted_out" },
        { party: "parent", channel: "call", state: "opted_in" },
      ]),
    ).toEqual({ agreed: "Email, WhatsApp", refused: "Calls" });
    expect(consentSummary([])).toEqual({ agreed: "No channel", refused: null });
  });
});

describe("submitterName", () => {
  it("falls back to the lead's address when the name is blank", () => {
    expect(submitterName({ lead: { id: "l", full_name: " ", email: null, phone: "+919100000001", consents: [] } })).toBe("+919100000001");
    expect(submitterName({ lead: null })).toBe("Unnamed lead");
  });
});
