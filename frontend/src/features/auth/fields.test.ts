import { describe, expect, it } from "vitest";
import { checkEmailForm, checkPasswordSignIn } from "./fields";

describe("sign-in field checks", () => {
  it("pass valid input", () => {
    expect(checkEmailForm({ email: " asha@example.com " })).toEqual({ email: undefined });
    expect(checkPasswordSignIn({ email: "asha@example.com", password: "x" })).toEqual({
      email: undefined,
      password: undefined,
    });
  });

  it("explain invalid input", () => {
    expect(checkEmailForm({ email: " " }).email).toBe("Enter an email address.");
    expect(checkEmailForm({ email: "asha@" }).email).toBe("Enter an email address like name@example.com.");
    expect(checkPasswordSignIn({ email: "asha@example.com", password: "" }).password).toBe("Enter your password.");
  });
});
