/** Who may go where: the three roles, each role's home, and the decision a route guard makes. */
import type { Enums } from "@/lib/database.types";

export type UserRole = Enums<"app_role">;

export const ROLES: readonly UserRole[] = ["admin", "instructor", "student"];

const HOME: Record<UserRole, string> = {
  admin: "/admin",
  instructor: "/instructor",
  student: "/student",
};

const ROLE_NAMES: Record<UserRole, string> = {
  admin: "an admin",
  instructor: "an instructor",
  student: "a student",
};

/** A role from untrusted data (a profile row, JWT claims), or null when it is not one of ours. */
export function parseRole(value: unknown): UserRole | null {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value) ? (value as UserRole) : null;
}

export function homePathFor(role: UserRole): string {
  return HOME[role];
}

/** "an admin", "a student": for sentences such as "You are signed in as a student." */
export function describeRole(role: UserRole): string {
  return ROLE_NAMES[role];
}

export type Access =
  | { kind: "wait" }
  | { kind: "sign-in" }
  | { kind: "allow" }
  | { kind: "refuse"; role: UserRole | null }
  | { kind: "failed" };

interface AccessInput {
  auth: "loading" | "signed-in" | "signed-out";
  role: { status: "pending" | "error" | "success"; value: UserRole | null };
  allowed: readonly UserRole[];
}

/**
 * What a guarded route shows. A known role (from the profile, or from the token while the profile
 * loads) decides at once; without one, the guard waits, or fails if the profile could not be read.
 * A signed-in user without a usable role is refused rather than let in.
 */
export function decideAccess({ auth, role, allowed }: AccessInput): Access {
  if (auth === "loading") return { kind: "wait" };
  if (auth === "signed-out") return { kind: "sign-in" };
  if (role.value !== null) return allowed.includes(role.value) ? { kind: "allow" } : { kind: "refuse", role: role.value };
  if (role.status === "pending") return { kind: "wait" };
  if (role.status === "error") return { kind: "failed" };
  return { kind: "refuse", role: null };
}

/**
 * A `next` parameter is only followed when it is a path on this site, so a crafted sign-in link
 * cannot send someone elsewhere after they sign in.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  try {
    const url = new URL(next, "https://coachbase.invalid");
    if (url.origin !== "https://coachbase.invalid") return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The sign-in URL that brings the visitor back to `path` afterwards. */
export function signInPathFor(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
