// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAuth } from "../hooks/use-auth";
import { useRole } from "../hooks/use-role";
import { StaffGate } from "./staff-gate";

vi.mock("../hooks/use-auth", () => ({ useAuth: vi.fn() }));
vi.mock("../hooks/use-role", () => ({ useRole: vi.fn() }));

interface Viewer {
  auth: "loading" | "signed-in" | "signed-out";
  role?: "admin" | "instructor" | "student";
  roleStatus?: "pending" | "success";
}

function openAs({ auth, role, roleStatus = "success" }: Viewer) {
  vi.mocked(useAuth).mockReturnValue({ status: auth, session: null, expiredEmail: null, signOut: vi.fn() });
  vi.mocked(useRole).mockReturnValue({ status: roleStatus, value: role ?? null, error: null, retry: vi.fn() });
  const page = (
    <StaffGate title="This is the payer's page" consequence="Opening it acts as the payer." proceedLabel="Open it anyway" loadingLabel="Opening…">
      <p>The payer's page</p>
    </StaffGate>
  );
  render(<RouterProvider router={createMemoryRouter([{ path: "/pay/x", element: page }], { initialEntries: ["/pay/x"] })} />);
}

describe("StaffGate", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it.each([
    ["a signed-out visitor", { auth: "signed-out" }],
    ["a signed-in student", { auth: "signed-in", role: "student" }],
  ] as const)("opens the page at once for %s", (_, who) => {
    openAs(who);

    expect(screen.getByText("The payer's page")).toBeTruthy();
  });

  it.each(["admin", "instructor"] as const)("asks a signed-in %s first, and opens the page only when asked to", async (role) => {
    openAs({ auth: "signed-in", role });

    expect(screen.getByRole("heading", { name: "This is the payer's page" })).toBeTruthy();
    expect(screen.getByText(`You are signed in as an ${role}. Opening it acts as the payer.`)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to your pages" }).getAttribute("href")).toBe(`/${role}`);
    expect(screen.queryByText("The payer's page")).toBeNull();

    await userEvent.setup().click(screen.getByRole("button", { name: "Open it anyway" }));

    expect(screen.getByText("The payer's page")).toBeTruthy();
  });

  it.each([
    ["the session", { auth: "loading" }],
    ["the role", { auth: "signed-in", roleStatus: "pending" }],
  ] as const)("opens nothing while %s is unknown", (_, who) => {
    openAs(who);

    expect(screen.getByText("Opening…")).toBeTruthy();
    expect(screen.queryByText("The payer's page")).toBeNull();
  });
});
