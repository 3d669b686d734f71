import { describe, expect, it } from "vitest";
import { checkNewPassword, newPasswordSchema } from "./schemas";

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("newPasswordSchema", () => {
  it("needs 8 characters, at most 72 bytes, typed twice the same", () => {
    expect(messages(newPasswordSchema.safeParse({ password: "short", confirm: "short" }))).toEqual({
      password: "Use at least 8 characters.",
    });
    // 25 three-byte characters are 75 bytes: bcrypt would silently ignore the end.
    expect(messages(newPasswordSchema.safeParse({ password: "₹".repeat(25), confirm: "₹".repeat(25) }))).toEqual({
      password: "Use at most 72 characters.",
    });
    expect(messages(newPasswordSchema.safeParse({ password: "long enough", confirm: "long enougH" }))).toEqual({
      confirm: "The two passwords are not the same.",
    });
    expect(newPasswordSchema.safeParse({ password: "long enough", confirm: "long enough" }).success).toBe(true);
  });
});

describe("checkNewPassword", () => {
  it("names the first problem of each field", () => {
    expect(checkNewPassword({ password: "short", confirm: "short" })).toEqual({ password: "Use at least 8 characters." });
    expect(checkNewPassword({ password: "long enough", confirm: "long enougH" })).toEqual({
      confirm: "The two passwords are not the same.",
    });
    expect(checkNewPassword({ password: "long enough", confirm: "long enough" })).toEqual({});
  });
});
