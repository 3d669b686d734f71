import { describe, expect, it } from "vitest";
import { consentRows, normalizeTag, tagProblem, utmPairs, type LeadConsent } from "./lead-detail";

const at = "2026-11-01T10:00:00Z";

describe("consentRows", () => {
  it("reads each channel for one person, with channels never asked about", () => {
    const consents: LeadConsent[] = [
      { party: "self", channel: "email", state: "opted_in", recorded_at: at },
      { party: "self", channel: "whatsapp", state: "opted_out", recorded_at: at },
      { party: "parent", channel: "call", state: "opted_in", recorded_at: at },
    ];
    expect(consentRows(consents, "self")).toEqual([
      { channel: "Email", state: "Opted in", optedOut: false },
      { channel: "WhatsApp", state: "Opted out", optedOut: true },
      { channel: "Calls", state: "Never asked", optedOut: false },
    ]);
    expect(consentRows(consents, "parent").map((row) => row.state)).toEqual(["Never asked", "Never asked", "Opted in"]);
  });
});

describe("utmPairs", () => {
  it("keeps only the fields the lead arrived with", () => {
    expect(utmPairs({ utm_source: "google", utm_medium: null, utm_campaign: "spring-intake", utm_term: "", utm_content: null })).toEqual([
      ["Source", "google"],
      ["Campaign", "spring-intake"],
    ]);
  });
});

describe("tags", () => {
  it("are stored trimmed, lower case and hyphenated", () => {
    expect(normalizeTag("  Weekend  Batch ")).toBe("weekend-batch");
    expect(normalizeTag("   ")).toBeNull();
  });

  it("say why one cannot be added", () => {
    expect(tagProblem(null, [])).toBe("Type a tag first.");
    expect(tagProblem("vip", ["vip"])).toBe('The lead already has the tag "vip".');
    expect(tagProblem("x".repeat(51), [])).toContain("under 50");
    expect(tagProblem("vip", ["parent-enquiry"])).toBeNull();
  });
});
