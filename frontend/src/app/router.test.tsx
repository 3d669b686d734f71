// @vitest-environment jsdom
import { matchRoutes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { routes } from "./router";

vi.mock("@/lib/supabase", () => ({ supabase: {} })); // no project configured in a test run

function routeOf(path: string) {
  return matchRoutes(routes, path)?.at(-1)?.route.path;
}

describe("routes", () => {
  it("sends a payment link to its page and the gateway's return to the result page", () => {
    expect(routeOf("/pay/8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10")).toBe("/pay/:link");
    expect(routeOf("/pay/result")).toBe("/pay/result");
  });
});
