import { AuthApiError, AuthImplicitGrantRedirectError, AuthRetryableFetchError, AuthWeakPasswordError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { authErrorMessage } from "./auth-messages";

describe("authErrorMessage", () => {
  it("explains known refusals by their code", () => {
    const wrong = new AuthApiError("Invalid login credentials", 400, "invalid_credentials");
    expect(authErrorMessage(wrong)).toContain("do not match");
    const expired = new AuthApiError("Email link is invalid or has expired", 403, "otp_expired");
    expect(authErrorMessage(expired)).toContain("Ask for a new one");
  });

  it("reads the code of a failed email link from the redirect", () => {
    const redirect = new AuthImplicitGrantRedirectError("Email link is invalid or has expired", {
      error: "access_denied",
      code: "otp_expired",
    });
    expect(authErrorMessage(redirect)).toBe("This link has expired or was already used. Ask for a new one.");
  });

  it("treats any 429 as a rate limit", () => {
    expect(authErrorMessage(new AuthApiError("slow down", 429, "some_new_limit"))).toContain("Wait a minute");
  });

  it("tells a server fault what to do instead of showing the developer's message", () => {
    const mailDown = new AuthApiError("Error sending recovery email", 500, "unexpected_failure");
    expect(authErrorMessage(mailDown)).toBe(
      "The server ran into a problem and could not finish this. Try again in a minute; if it keeps failing, contact the center.",
    );
  });

  it("tells network failures and weak passwords apart", () => {
    expect(authErrorMessage(new AuthRetryableFetchError("Failed to fetch", 0))).toContain("could not be reached");
    expect(authErrorMessage(new AuthWeakPasswordError("weak", 422, ["length"]))).toContain("too easy to guess");
  });

  it("falls back to the server's message, then to a generic one", () => {
    expect(authErrorMessage(new AuthApiError("Signups not allowed for otp", 422, "unexpected_code"))).toBe(
      "Signups not allowed for otp",
    );
    expect(authErrorMessage(new TypeError("x is undefined"))).toBe("Something went wrong. Try again.");
  });
});
