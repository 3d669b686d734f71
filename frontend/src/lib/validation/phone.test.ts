import { describe, expect, it } from "vitest";
import { checkPhone, formatPhone, normalizePhone } from "./phone";

describe("checkPhone", () => {
  it.each([
    ["9876543210", "+919876543210"],
    ["98765 43210", "+919876543210"],
    ["098765-43210", "+919876543210"],
    ["+91 98765 43210", "+919876543210"],
    ["91 98765 43210", "+919876543210"],
    ["(+91) 98765-43210", "+919876543210"],
    ["  +919876543210  ", "+919876543210"],
    ["+44 7911 123456", "+447911123456"],
  ])("reads %j as %s", (input, e164) => {
    expect(checkPhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ["", "Enter a phone number."],
    ["   ", "Enter a phone number."],
    ["98765", "Enter a valid mobile number"],
    ["98765432101234", "Enter a valid mobile number"],
    ["1234567890", "Enter a valid mobile number"],
    ["5876543210", "Enter a valid mobile number"],
    ["011 2345 6789", "Enter a valid mobile number"],
    ["+91 12345", "Enter a valid mobile number"],
    ["call me", "A phone number has only digits"],
  ])("refuses %j with a reason", (input, reason) => {
    const result = checkPhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("uses another default region when asked", () => {
    expect(checkPhone("07911 123456", "GB")).toEqual({ ok: true, e164: "+447911123456" });
  });
});

describe("normalizePhone and formatPhone", () => {
  it("returns E.164 or null", () => {
    expect(normalizePhone("98765 43210")).toBe("+919876543210");
    expect(normalizePhone("12")).toBeNull();
  });

  it("formats stored numbers for reading", () => {
    expect(formatPhone("+919876543210")).toBe("+91 98765 43210");
    expect(formatPhone("not a number")).toBe("not a number");
  });
});
