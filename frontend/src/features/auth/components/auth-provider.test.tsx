// @vitest-environment jsdom
import type { AuthChangeEvent, Session } from "@supabase/supabase-js";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAuth } from "../hooks/use-auth";
import { AuthProvider } from "./auth-provider";

type Listener = (event: AuthChangeEvent, session: Session | null) => void;

const auth = vi.hoisted(() => ({
  listeners: new Set<(event: string, session: unknown) => void>(),
  signOut: vi.fn(),
}));

vi.mock("@/lib/supabase", () => ({
  supabase: {
    auth: {
      onAuthStateChange: (listener: Listener) => {
        auth.listeners.add(listener as (event: string, session: unknown) => void);
        return { data: { subscription: { unsubscribe: () => auth.listeners.delete(listener as (event: string, session: unknown) => void) } } };
      },
      signOut: auth.signOut,
    },
  },
}));

function emit(event: AuthChangeEvent, session: Session | null) {
  act(() => {
    for (const listener of auth.listeners) listener(event, session);
  });
}

const session = { user: { id: "u1", email: "admin@example.test" } } as Session;

function Probe() {
  const { status, expiredEmail, signOut } = useAuth();
  return (
    <div>
      <p>status: {status}</p>
      <p>expired: {expiredEmail ?? "no"}</p>
      <button type="button" onClick={() => void signOut()}>
        sign out
      </button>
    </div>
  );
}

function renderProvider() {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, "invalidateQueries");
  render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <Probe />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return { invalidate };
}

afterEach(() => {
  cleanup();
  auth.listeners.clear();
  auth.signOut.mockReset();
});

describe("AuthProvider", () => {
  it("waits for supabase-js's first answer", () => {
    renderProvider();
    expect(screen.getByText("status: loading")).toBeTruthy();
    emit("INITIAL_SESSION", null);
    expect(screen.getByText("status: signed-out")).toBeTruthy();
    expect(screen.getByText("expired: no")).toBeTruthy();
  });

  it("treats a session that ends by itself as expired, until the same person is back", () => {
    const { invalidate } = renderProvider();
    emit("INITIAL_SESSION", session);
    emit("SIGNED_OUT", null);
    expect(screen.getByText("status: signed-out")).toBeTruthy();
    expect(screen.getByText("expired: admin@example.test")).toBeTruthy();
    emit("SIGNED_IN", session);
    expect(screen.getByText("expired: no")).toBeTruthy();
    expect(invalidate).toHaveBeenCalledOnce();
  });

  it("does not call a deliberate sign-out an expiry", async () => {
    renderProvider();
    emit("INITIAL_SESSION", session);
    auth.signOut.mockImplementation(() => {
      for (const listener of auth.listeners) listener("SIGNED_OUT", null);
      return Promise.resolve({ error: null });
    });
    await act(async () => {
      screen.getByRole("button", { name: "sign out" }).click();
      await Promise.resolve();
    });
    expect(auth.signOut).toHaveBeenCalledWith({ scope: "local" });
    expect(screen.getByText("status: signed-out")).toBeTruthy();
    expect(screen.getByText("expired: no")).toBeTruthy();
  });
});
