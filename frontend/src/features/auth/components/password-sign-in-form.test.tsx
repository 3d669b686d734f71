// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ForgotPasswordPage } from "./forgot-password-page";
import { PasswordSignInForm } from "./password-sign-in-form";

vi.mock("@/lib/supabase", () => ({ supabase: {} })); // no project configured in a test run; nothing is sent here

afterEach(cleanup);

/** The sign-in form, and the reset page behind a route whose code arrives only when `arrive` is called. */
function signInWithSlowResetPage() {
  let arrive: () => void = () => undefined;
  const code = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const router = createMemoryRouter(
    [
      { path: "/sign-in", element: <PasswordSignInForm /> },
      { path: "/forgot-password", lazy: () => code.then(() => ({ Component: ForgotPasswordPage })) },
    ],
    { initialEntries: ["/sign-in"] },
  );
  render(<RouterProvider router={router} />);
  return () => {
    arrive();
  };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label);
}

describe("PasswordSignInForm's way to the reset page", () => {
  it("locks the form and shows the link busy while the reset page loads, then carries the typed email there", async () => {
    const arrive = signInWithSlowResetPage();
    await userEvent.type(input("Email"), "asha@example.com");
    await userEvent.click(screen.getByRole("link", { name: "Forgot your password?" }));

    await waitFor(() => {
      expect(screen.getByRole("link", { name: "Forgot your password?" }).getAttribute("aria-busy")).toBe("true");
    });
    expect(input("Email").disabled).toBe(true);
    expect(input("Password").disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Sign in" }).disabled).toBe(true);

    arrive();
    await screen.findByRole("heading", { name: "Reset your password" });
    expect(input("Email").value).toBe("asha@example.com");
  });

  it("opens the reset page with an empty email when none was typed", async () => {
    const arrive = signInWithSlowResetPage();
    arrive();
    await userEvent.click(screen.getByRole("link", { name: "Forgot your password?" }));
    await screen.findByRole("heading", { name: "Reset your password" });
    expect(input("Email").value).toBe("");
  });
});
