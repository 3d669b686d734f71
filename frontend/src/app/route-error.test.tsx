// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RouteError } from "./route-error";

afterEach(cleanup);

function Broken(): never {
  throw new Error("Cannot read the lead's timeline");
}

function Frame() {
  return (
    <div>
      <nav aria-label="Admin sections">Sections</nav>
      <Outlet />
    </div>
  );
}

describe("RouteError", () => {
  it("replaces only the failing page, explains it and offers a way on", () => {
    // React reports the caught error on the console; that is expected here.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const router = createMemoryRouter(
      [{ path: "/admin", element: <Frame />, children: [{ path: "leads", element: <Broken />, errorElement: <RouteError /> }] }],
      { initialEntries: ["/admin/leads"] },
    );
    render(<RouterProvider router={router} />);
    expect(screen.getByRole("navigation", { name: "Admin sections" })).toBeTruthy();
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Something went wrong on this page");
    expect(alert.textContent).toContain("Cannot read the lead's timeline");
    expect(screen.getByRole("button", { name: "Reload the page" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to your home page" }).getAttribute("href")).toBe("/");
  });

  it("tells a tab left open across a deploy to reload", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    function Stale(): never {
      throw new TypeError("Failed to fetch dynamically imported module: /assets/leads-3f9a.js");
    }
    const router = createMemoryRouter([{ path: "/", element: <Stale />, errorElement: <RouteError /> }]);
    render(<RouterProvider router={router} />);
    expect(screen.getByRole("alert").textContent).toContain("A new version of Coachbase is available");
  });
});
