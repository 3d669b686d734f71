import { describe, expect, it } from "vitest";
import { ServiceError, serviceErrorFrom, unreachable } from "./service-error";

describe("serviceErrorFrom", () => {
  it("keeps the service's code, message and field reasons", () => {
    const error = serviceErrorFrom(422, {
      error: { code: "validation_failed", message: "Check the highlighted fields.", fields: { email: "is not valid", "consents.call": "needs a phone" } },
    });
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed", message: "Check the highlighted fields." });
    expect(error.fields).toEqual({ email: "is not valid", "consents.call": "needs a phone" });
  });

  it("has no field reasons when the service gives none", () => {
    expect(serviceErrorFrom(409, { error: { code: "duplicate", message: "Already registered." } }).fields).toEqual({});
  });

  it.each([
    [429, "<html>Too Many Requests</html>", "http_429", "Wait a minute"],
    [502, null, "http_502", "Try again in a minute"],
    [418, { detail: "teapot" }, "http_418", "answered 418"],
    [422, { error: { code: 7, message: "bad shape" } }, "http_422", "answered 422"],
    [422, { error: { code: "x", message: "y", fields: { email: 3 } } }, "http_422", "answered 422"],
    [422, { error: { code: "x", message: "y", fields: ["email"] } }, "http_422", "answered 422"],
  ])("explains a %i without the service's format", (status, body, code, text) => {
    const error = serviceErrorFrom(status, body);
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });

  it("says when the service cannot be reached", () => {
    expect(unreachable()).toMatchObject({ status: 0, code: "unreachable" });
  });
});
