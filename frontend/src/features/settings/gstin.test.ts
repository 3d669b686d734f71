import { describe, expect, it } from "vitest";
import fixture from "../../../../tests/fixtures/gstin_cases.json";
import { gstinCheckCharacter, isGstin } from "./gstin";

describe("isGstin", () => {
  it.each(fixture.cases)("$gstin: $why", ({ gstin, valid }) => {
    expect(isGstin(gstin)).toBe(valid);
  });

  it("computes GSTN's check character", () => {
    expect(gstinCheckCharacter("27AAAAA0000A1Z")).toBe("2");
    expect(gstinCheckCharacter("29ABCDE1234F1Z")).toBe("W");
  });
});
