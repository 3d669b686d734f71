import { describe, expect, it } from "vitest";
import { consentCells, toggled, unsavedReason, type ConsentRow } from "./consents";

const row = (party: ConsentRow["party"], channel: ConsentRow["channel"], state: ConsentRow["state"]): ConsentRow => ({
  id: `${party}-${channel}`,
  party,
  channel,
  state,
  source: "form",
  recorded_at: "2026-11-01T00:00:00Z",
});

describe("consents", () => {
  it("lays out one cell per channel for a party, empty where never asked", () => {
    const cells = consentCells([row("self", "email", "opted_in"), row("parent", "whatsapp", "opted_out")], "self");
    expect(cells.map((cell) => [cell.channel, cell.row?.state ?? null])).toEqual([
      ["email", "opted_in"],
      ["whatsapp", null],
      ["call", null],
    ]);
  });

  it("flips an answer, and records a first answer as opted in", () => {
    const [email, whatsapp] = consentCells([row("parent", "email", "opted_in")], "parent");
    if (!email || !whatsapp) throw new Error("a cell per channel");
    expect(toggled(email)).toEqual({ id: "parent-email", party: "parent", channel: "email", state: "opted_out" });
    expect(toggled(whatsapp)).toEqual({ id: null, party: "parent", channel: "whatsapp", state: "opted_in" });
  });

  it("gives a refusal's own advice instead of asking to try again", () => {
    const refused = Object.assign(new Error("Our emails to this address bounced, so the center stopped sending them."), {
      code: "42501",
      hint: "Ask the center to check the address and turn email back on.",
    });
    expect(unsavedReason(refused)).toBe(
      "Our emails to this address bounced, so the center stopped sending them. Ask the center to check the address and turn email back on.",
    );
    expect(unsavedReason(new Error("Failed to fetch"))).toBe("Failed to fetch Try again.");
  });
});
