import { describe, expect, it } from "vitest";
import { emailField, phoneField } from "./fields";

describe("emailField", () => {
  it("outputs the trimmed address or the check's reason", () => {
    expect(emailField().parse("  asha@example.com ")).toBe("asha@example.com");
    const result = emailField().safeParse("asha@");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter an email address like name@example.com.");
  });
});

describe("phoneField", () => {
  it("outputs E.164", () => {
    expect(phoneField({ required: true }).parse("98765 43210")).toBe("+919876543210");
  });

  it("lets an optional number be blank but not wrong", () => {
    expect(phoneField({ required: false }).parse("  ")).toBeNull();
    expect(phoneField({ required: false }).safeParse("123").success).toBe(false);
    expect(phoneField({ required: true }).safeParse("").error?.issues[0]?.message).toBe("Enter a phone number.");
  });
});
