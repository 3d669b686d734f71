import { describe, expect, it } from "vitest";
import { linkLandingPath } from "./link-landing";

describe("linkLandingPath", () => {
  it("sends an invite landing on the site root to the accept-invite page", () => {
    expect(linkLandingPath("/", "#access_token=a&refresh_token=b&type=invite")).toBe("/accept-invite");
  });

  it("sends a recovery landing to the reset-password page", () => {
    expect(linkLandingPath("/", "#access_token=a&type=recovery")).toBe("/reset-password");
  });

  it("stays when already on the right page, or for other links and plain pages", () => {
    expect(linkLandingPath("/accept-invite", "#access_token=a&type=invite")).toBeNull();
    expect(linkLandingPath("/", "#access_token=a&type=magiclink")).toBeNull();
    expect(linkLandingPath("/admin/today", "")).toBeNull();
  });
});
