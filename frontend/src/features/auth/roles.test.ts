import { describe, expect, it } from "vitest";
import { decideAccess, describeRole, homePathFor, parseRole, safeNextPath, signInPathFor } from "./roles";

describe("parseRole", () => {
  it("accepts our three roles only", () => {
    expect(parseRole("admin")).toBe("admin");
    expect(parseRole("instructor")).toBe("instructor");
    expect(parseRole("student")).toBe("student");
    expect(parseRole("Admin")).toBeNull();
    expect(parseRole("service_role")).toBeNull();
    expect(parseRole(undefined)).toBeNull();
    expect(parseRole(["admin"])).toBeNull();
  });

  it("gives each role a home and a name", () => {
    expect(homePathFor("admin")).toBe("/admin");
    expect(homePathFor("student")).toBe("/student");
    expect(describeRole("instructor")).toBe("an instructor");
  });
});

describe("decideAccess", () => {
  const admins = ["admin"] as const;
  const known = (value: "admin" | "student", status: "pending" | "success" = "success") => ({ status, value });

  it("waits for auth, then sends a signed-out visitor to sign in", () => {
    expect(decideAccess({ auth: "loading", role: known("admin"), allowed: admins })).toEqual({ kind: "wait" });
    expect(decideAccess({ auth: "signed-out", role: { status: "pending", value: null }, allowed: admins })).toEqual({
      kind: "sign-in",
    });
  });

  it("decides from the token's role while the profile loads", () => {
    expect(decideAccess({ auth: "signed-in", role: known("admin", "pending"), allowed: admins })).toEqual({ kind: "allow" });
    expect(decideAccess({ auth: "signed-in", role: known("student", "pending"), allowed: admins })).toEqual({
      kind: "refuse",
      role: "student",
    });
  });

  it("waits, fails or refuses when no role is known", () => {
    const none = (status: "pending" | "error" | "success") => ({ auth: "signed-in" as const, role: { status, value: null }, allowed: admins });
    expect(decideAccess(none("pending"))).toEqual({ kind: "wait" });
    expect(decideAccess(none("error"))).toEqual({ kind: "failed" });
    expect(decideAccess(none("success"))).toEqual({ kind: "refuse", role: null });
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/admin/leads?status=new#top", "/admin/leads?status=new#top"],
    ["/student", "/student"],
  ])("follows %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([null, undefined, "", "admin", "//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"])(
    "refuses %j",
    (next) => {
      expect(safeNextPath(next)).toBeNull();
    },
  );

  it("builds the sign-in URL that returns to a page", () => {
    expect(signInPathFor("/admin/leads?x=1")).toBe("/sign-in?next=%2Fadmin%2Fleads%3Fx%3D1");
    expect(signInPathFor("/")).toBe("/sign-in");
  });
});
