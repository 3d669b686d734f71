import { describe, expect, it } from "vitest";
import { checkEmail, sameEmail } from "./email";

describe("checkEmail", () => {
  it.each([
    ["asha@example.com", "asha@example.com"],
    ["  Asha.Rao+course@Example.co.in ", "Asha.Rao+course@Example.co.in"],
    ["r_k-99@mail.school.edu", "r_k-99@mail.school.edu"],
    ["o'brien@example.ie", "o'brien@example.ie"],
  ])("accepts %j", (input, email) => {
    expect(checkEmail(input)).toEqual({ ok: true, email });
  });

  it.each([
    ["", "Enter an email address."],
    ["asha", "like name@example.com"],
    ["asha@", "like name@example.com"],
    ["@example.com", "like name@example.com"],
    ["asha@example", "like name@example.com"],
    ["asha rao@example.com", "like name@example.com"],
    ["asha@@example.com", "like name@example.com"],
    [".asha@example.com", "like name@example.com"],
    ["asha..rao@example.com", "like name@example.com"],
    ["asha@-example.com", "like name@example.com"],
    ["asha@example.c0m", "like name@example.com"],
    [`${"a".repeat(65)}@example.com`, "like name@example.com"],
    [`${"a".repeat(250)}@example.com`, "at most 254"],
  ])("refuses %j", (input, reason) => {
    const result = checkEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("sameEmail", () => {
  it("ignores case and surrounding spaces, nothing else", () => {
    expect(sameEmail("Asha@Example.com", " asha@example.com")).toBe(true);
    expect(sameEmail("asha@example.com", "asha+x@example.com")).toBe(false);
  });
});
