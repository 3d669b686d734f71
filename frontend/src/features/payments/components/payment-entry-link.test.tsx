// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { LeadPayment } from "../api/list-lead-payments";
import { PaymentEntry } from "./payment-entry";

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
  created_at: "2026-11-20T10:00:00Z",
  paid_at: null,
  failure_reason: null,
  batch: { name: "January Weekend" },
};

describe("PaymentEntry's link", () => {
  afterEach(cleanup);

  it("shows the link's page, which outlives the provider's order, never the provider's checkout", () => {
    render(<PaymentEntry payment={LINK} timeZone="Asia/Kolkata" />);

    const page = `${window.location.origin}/pay/${FIRST}`;
    expect(screen.getByRole("link", { name: page }).getAttribute("href")).toBe(page);
    expect(screen.queryByText(/mercury\.sandbox\.test/)).toBeNull();
  });

  it("marks a renewal as another link's new order, with no link of its own", () => {
    render(<PaymentEntry payment={{ ...LINK, id: "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5", status: "created", renews: FIRST }} timeZone="Asia/Kolkata" />);

    expect(screen.getByText(/New order for link/).textContent).toContain("8b0c7f4e");
    expect(screen.queryByRole("link")).toBeNull();
  });
});
