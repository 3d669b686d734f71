// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Toaster } from "@/components/ui/toaster";
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError } from "@/lib/service-error";
import type { LeadPayment } from "../api/list-lead-payments";
import { PaymentEntry } from "./payment-entry";

vi.mock("@/lib/supabase", () => ({ supabase: {} })); // no project configured in a test run
vi.mock("@/lib/admin-service", () => ({ requestAdminService: vi.fn() }));

const FIRST = "8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10";
const LINK: LeadPayment = {
  id: FIRST,
  status: "expired",
  amount_paise: 1_250_000,
  received_paise: 0,
  refunded_paise: 0,
  currency: "INR",
  payment_url: "https://mercury.sandbox.test/checkout/OMO-1",
  renews: null,
  link_closed_at: null,
  created_at: "2026-11-20T10:00:00Z",
  paid_at: null,
  failure_reason: null,
  batch: { name: "January Weekend" },
};

function renderEntry(payment: LeadPayment) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PaymentEntry payment={payment} timeZone="Asia/Kolkata" />
      <Toaster />
    </QueryClientProvider>,
  );
}

async function closeWithReason(reason: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Close link" }));
  const dialog = await screen.findByRole("dialog");
  expect(dialog.textContent).toContain("The payer's link stops taking payment, reminders stop, and any waiting link message is not sent.");
  await user.type(screen.getByLabelText(/Reason/), reason);
  await user.click(screen.getAllByRole("button", { name: "Close link" }).at(-1) as HTMLElement);
}

describe("PaymentEntry's link", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("shows the link's page, which outlives the provider's order, never the provider's checkout", () => {
    renderEntry(LINK);

    const page = `${window.location.origin}/pay/${FIRST}`;
    expect(screen.getByRole("link", { name: page }).getAttribute("href")).toBe(page);
    expect(screen.queryByText(/mercury\.sandbox\.test/)).toBeNull();
  });

  it("marks a renewal as another link's new order, with no link of its own and nothing to close", () => {
    renderEntry({ ...LINK, id: "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5", status: "created", renews: FIRST });

    expect(screen.getByText(/New order for link/).textContent).toContain("8b0c7f4e");
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.queryByRole("button", { name: "Close link" })).toBeNull();
  });

  it.each(["created", "failed", "expired"] as const)("offers to close a %s link", (status) => {
    renderEntry({ ...LINK, status });

    expect(screen.getByRole("button", { name: "Close link" })).toBeTruthy();
  });

  it.each([
    ["a payment under way", { status: "pending" }],
    ["a paid link", { status: "paid", received_paise: 1_250_000 }],
    ["a link whose order was not made", { status: "created", payment_url: null }],
  ] as const)("offers no closing for %s", (_, change) => {
    renderEntry({ ...LINK, ...change });

    expect(screen.queryByRole("button", { name: "Close link" })).toBeNull();
  });

  it("closes the link with the reason, then says so", async () => {
    vi.mocked(requestAdminService).mockResolvedValue({ link: FIRST, state: "closed" });
    renderEntry(LINK);

    await closeWithReason("Parent chose the March batch");

    expect(await screen.findByText("Payment link closed")).toBeTruthy();
    await waitFor(() => { expect(screen.queryByRole("dialog")).toBeNull(); });
    expect(requestAdminService).toHaveBeenCalledWith(`/admin/payment-links/${FIRST}/close`, { method: "POST", body: { reason: "Parent chose the March batch" } });
  });

  it("leaves an empty reason out of the request", async () => {
    vi.mocked(requestAdminService).mockResolvedValue({ link: FIRST, state: "closed" });
    renderEntry(LINK);

    await closeWithReason("   ");

    await waitFor(() => { expect(requestAdminService).toHaveBeenCalledWith(`/admin/payment-links/${FIRST}/close`, { method: "POST", body: {} }); });
  });

  it("shows the service's message when it refuses, and keeps the dialog open", async () => {
    const refusal = "Asha Rao already paid this link, so it cannot be closed. Refund the payment instead.";
    vi.mocked(requestAdminService).mockRejectedValue(new ServiceError(409, "already_paid", refusal));
    renderEntry(LINK);

    await closeWithReason("Offer withdrawn");

    expect(await screen.findByText(refusal)).toBeTruthy();
    expect(screen.getByText("The link was not closed")).toBeTruthy();
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("shows a closed link as closed instead of its page", () => {
    renderEntry({ ...LINK, link_closed_at: "2026-11-22T10:00:00Z" });

    expect(screen.getByText("Link closed").parentElement?.textContent).toBe("Link closed (why is in the note on the timeline)");
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.queryByRole("button", { name: "Close link" })).toBeNull();
  });
});
