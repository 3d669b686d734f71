import { describe, expect, it } from "vitest";
import { ServiceError, UnexpectedAnswerError } from "@/lib/service-error";
import { shouldRetry } from "./query-client";

describe("shouldRetry", () => {
  it("retries unreachable services, rate limits and server faults twice", () => {
    for (const status of [0, 429, 500, 503]) {
      const error = new ServiceError(status, "x", "x");
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(true);
      expect(shouldRetry(2, error)).toBe(false);
    }
  });

  it("never retries a refusal or a malformed answer", () => {
    expect(shouldRetry(0, new ServiceError(404, "not_found", "x"))).toBe(false);
    expect(shouldRetry(0, new ServiceError(422, "validation_failed", "x"))).toBe(false);
    expect(shouldRetry(0, new UnexpectedAnswerError("the payment"))).toBe(false);
  });

  it("retries other failures, such as a dropped connection to the database API", () => {
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
  });
});
