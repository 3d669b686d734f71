// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkPasswordSignIn } from "../fields";
import { useAuthForm } from "./use-auth-form";

afterEach(cleanup);

function SignInForm({ send }: { send: (values: { email: string; password: string }) => Promise<unknown> }) {
  const form = useAuthForm({ email: "", password: "" }, checkPasswordSignIn);
  return (
    <form noValidate onSubmit={(event) => void form.onSubmit(send)(event)}>
      {form.rootError ? <p role="alert">{form.rootError}</p> : null}
      <input aria-label="Email" {...form.field("email")} />
      <p>{form.errors.email}</p>
      <input aria-label="Password" {...form.field("password")} />
      <p>{form.errors.password}</p>
      <button type="submit" disabled={form.isSubmitting}>
        Sign in
      </button>
    </form>
  );
}

describe("useAuthForm", () => {
  it("refuses invalid values on submit, focuses the first, and re-checks as the person types", async () => {
    const send = vi.fn(() => Promise.resolve());
    render(<SignInForm send={send} />);
    await userEvent.type(screen.getByLabelText("Password"), "secret");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByText("Enter an email address.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Email"));
    await userEvent.type(screen.getByLabelText("Email"), "asha@example.com");
    expect(screen.queryByText(/Enter an email address/)).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(send).toHaveBeenCalledWith({ email: "asha@example.com", password: "secret" });
  });

  it("shows what the send threw as the form's error, and clears it on the next try", async () => {
    const send = vi.fn().mockRejectedValueOnce(new Error("Invalid login credentials")).mockResolvedValueOnce(undefined);
    render(<SignInForm send={send} />);
    await userEvent.type(screen.getByLabelText("Email"), "asha@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect((await screen.findByRole("alert")).textContent).not.toBe("");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
