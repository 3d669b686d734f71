// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeLeadOfUnverifiedSender } from "../api/make-lead-of-unverified-sender";
import { UnverifiedSenderPanel } from "./unverified-sender-panel";

vi.mock("@/lib/supabase", () => ({ supabase: {} }));
vi.mock("../api/make-lead-of-unverified-sender", () => ({ makeLeadOfUnverifiedSender: vi.fn(() => Promise.resolve("lead-1")) }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <UnverifiedSenderPanel conversationId="conversation-1" address="asha@example.test" />
    </QueryClientProvider>,
  );
}

describe("UnverifiedSenderPanel", () => {
  it("says no lead was made of the claimed address, and makes one only when the admin asks", async () => {
    renderPanel();
    expect(screen.getByText(/They say they are from asha@example\.test but may be forged, so no lead was made/)).toBeTruthy();
    expect(makeLeadOfUnverifiedSender).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText("Lead's name (optional)"), "Asha Rao");
    await userEvent.click(screen.getByRole("button", { name: "Make a lead" }));
    await waitFor(() => { expect(makeLeadOfUnverifiedSender).toHaveBeenCalledWith("conversation-1", "Asha Rao"); });
  });
});
