import { describe, expect, it } from "vitest";
import { asSentence } from "./sentence";

describe("asSentence", () => {
  it("capitalizes and ends a service reason with a full stop", () => {
    expect(asSentence("the lead has no phone number; add one ")).toBe("The lead has no phone number; add one.");
  });

  it("keeps a sentence that already ends", () => {
    expect(asSentence("Sign in again, then retry.")).toBe("Sign in again, then retry.");
    expect(asSentence("Really?")).toBe("Really?");
  });

  it("leaves an empty reason empty", () => {
    expect(asSentence("  ")).toBe("");
  });
});
