import { describe, expect, it } from "vitest";
import { emailField } from "./fields";

describe("emailField", () => {
  it("accepts an address and reports the check's reason otherwise", () => {
    expect(emailField().safeParse("  asha@example.com ").success).toBe(true);
    const result = emailField().safeParse("asha@");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter an email address like name@example.com.");
    expect(emailField().safeParse("").error?.issues[0]?.message).toBe("Enter an email address.");
  });
});
