// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { changeOutboxItem } from "../api/change-outbox-item";
import type { OutboxItem } from "../outbox-item";
import { OutboxActions } from "./outbox-actions";

vi.mock("@/lib/supabase", () => ({ supabase: {} }));
vi.mock("../api/change-outbox-item", () => ({ changeOutboxItem: vi.fn(() => Promise.resolve()) }));

afterEach(() => {
  cleanup();
  vi.mocked(changeOutboxItem).mockClear();
});

const dead = {
  id: "row-1",
  channel: "whatsapp",
  operation: "send",
  provider: "aisensy",
  status: "dead",
} as OutboxItem;

function renderActions(item: OutboxItem) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <OutboxActions item={item} />
    </QueryClientProvider>,
  );
}

describe("OutboxActions", () => {
  it("retries a dead row at once", async () => {
    renderActions(dead);
    await userEvent.click(screen.getByRole("button", { name: "Retry now" }));
    await waitFor(() => { expect(changeOutboxItem).toHaveBeenCalledWith(dead, "retry"); });
  });

  it("cancels only after confirmation", async () => {
    renderActions(dead);
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("alertdialog", { name: "Cancel this message?" }).textContent).toContain("whatsapp · send via aisensy");
    expect(changeOutboxItem).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Cancel it" }));
    await waitFor(() => { expect(changeOutboxItem).toHaveBeenCalledWith(dead, "cancel"); });
  });

  it("offers resume, not pause, on a paused row", () => {
    renderActions({ ...dead, status: "paused" });
    expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
  });
});
