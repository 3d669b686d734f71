// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getPaymentStatus } from "../api/get-payment-status";
import type { PaymentStatus } from "../payment-status";
import { PaymentResult } from "./payment-result";

vi.mock("../api/get-payment-status", () => ({ getPaymentStatus: vi.fn() }));

const FAILED: PaymentStatus = { reference: "p-1", status: "failed", amount_paise: 1_250_000, currency: "INR", description: "Young Founders", paid_at: null, receipt_number: null };

function showResult() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <PaymentResult reference="p-1" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("PaymentResult", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("offers to pay again through the link's page when the link still takes payment", async () => {
    vi.mocked(getPaymentStatus).mockResolvedValue({ ...FAILED, pay_again: "8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10" });

    showResult();

    expect(await screen.findByRole("heading", { name: "The payment did not go through" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Pay again" }).getAttribute("href")).toBe("/pay/8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10");
    expect(screen.getByText(/You can pay again now/)).toBeTruthy();
  });

  it("says what a payment paid short still lacks instead of confirming the seat", async () => {
    vi.mocked(getPaymentStatus).mockResolvedValue({ ...FAILED, status: "paid", paid_at: "2026-11-22T10:00:00Z", short_by: "₹2,500.00" });

    showResult();

    expect(await screen.findByRole("heading", { name: "Payment received, but less than the fee" })).toBeTruthy();
    expect(screen.getByText(/₹2,500.00 is still due/)).toBeTruthy();
    expect(screen.queryByText(/details of your batch are on their way/)).toBeNull();
  });

  it("offers no payment when the link no longer takes it", async () => {
    vi.mocked(getPaymentStatus).mockResolvedValue({ ...FAILED, pay_again: null });

    showResult();

    expect(await screen.findByRole("heading", { name: "The payment did not go through" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Pay again" })).toBeNull();
    expect(screen.getByText(/Try again from the payment link we sent you/)).toBeTruthy();
  });
});
