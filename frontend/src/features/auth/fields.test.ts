import { describe, expect, it } from "vitest";
import { emailRules, passwordRules } from "./fields";

describe("sign-in field rules", () => {
  it("pass valid input and explain invalid input", () => {
    expect(emailRules.validate("asha@example.com")).toBe(true);
    expect(emailRules.validate(" ")).toBe("Enter an email address.");
    expect(emailRules.validate("asha@")).toBe("Enter an email address like name@example.com.");
    expect(passwordRules.validate("x")).toBe(true);
    expect(passwordRules.validate("")).toBe("Enter your password.");
  });
});
