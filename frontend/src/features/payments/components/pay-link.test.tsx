// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ServiceError } from "@/lib/service-error";
import { openCheckout } from "../api/open-checkout";
import type { Checkout } from "../payment-checkout";
import { PayLink } from "./pay-link";

vi.mock("../api/open-checkout", () => ({ openCheckout: vi.fn() }));

const LINK = "8b0c7f4e-2f7a-4f55-9d61-0c3f1f0b9a10";
const NEWEST = "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
const SHOWN = {
  link: LINK,
  amount: "₹12,500",
  amount_paise: 1_250_000,
  currency: "INR",
  course: "Young Founders",
  batch: "January Weekend",
  center: { name: "Sunrise Academy", phone: "+91 98765 43210", website: "https://sunrise.example" },
};
const assign = vi.fn();

function openPage() {
  const router = createMemoryRouter(
    [
      { path: "/pay/result", element: <p>Result page</p> },
      { path: "/pay/:link", element: <PayLink link={LINK} /> },
    ],
    { initialEntries: [`/pay/${LINK}`] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe("PayLink", () => {
  beforeEach(() => {
    vi.stubGlobal("location", { assign }); // jsdom cannot navigate away
  });
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
    vi.unstubAllGlobals();
  });

  it("goes to the provider's checkout, showing what is being paid meanwhile", async () => {
    vi.mocked(openCheckout).mockResolvedValue({ ...SHOWN, state: "checkout", url: "https://sandbox.test/checkout/o-1" });

    openPage();

    expect(await screen.findByRole("heading", { name: "Taking you to the payment page…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith("https://sandbox.test/checkout/o-1");
    expect(screen.getByText("₹12,500")).toBeTruthy();
    expect(screen.getByText("Young Founders · January Weekend")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Continue to payment" }).getAttribute("href")).toBe("https://sandbox.test/checkout/o-1");
    expect(vi.mocked(openCheckout).mock.calls.map(([link]) => link)).toEqual([LINK]);
  });

  it("asks again after the wait the service names, for the newest link it named", async () => {
    const preparing: Checkout = { ...SHOWN, link: NEWEST, state: "preparing", retry_after: 0 };
    vi.mocked(openCheckout).mockResolvedValueOnce(preparing).mockResolvedValueOnce({ ...SHOWN, link: NEWEST, state: "checkout", url: "https://sandbox.test/checkout/o-2" });

    openPage();

    expect(await screen.findByRole("heading", { name: "Taking you to the payment page…" })).toBeTruthy();
    expect(vi.mocked(openCheckout).mock.calls.map(([link]) => link)).toEqual([LINK, NEWEST]);
    expect(assign).toHaveBeenCalledWith("https://sandbox.test/checkout/o-2");
  });

  it("shows that the payment is being prepared while the service makes the order", async () => {
    vi.mocked(openCheckout).mockResolvedValue({ ...SHOWN, state: "preparing", retry_after: 60 });

    openPage();

    expect(await screen.findByRole("heading", { name: "Preparing your payment…" })).toBeTruthy();
    expect(screen.getByText("₹12,500")).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });

  it.each(["settled", "in_progress"] as const)("shows the result page of a payment that is %s", async (state) => {
    vi.mocked(openCheckout).mockResolvedValue({ ...SHOWN, state, payment: "p-42" });

    const router = openPage();

    expect(await screen.findByText(/Result page/)).toBeTruthy();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe("/pay/result?payment=p-42");
    expect(assign).not.toHaveBeenCalled();
  });

  it("says why a closed link takes no payment and whom to contact, with no way to pay", async () => {
    const message = "This batch has finished. Contact the center about the next one.";
    vi.mocked(openCheckout).mockResolvedValue({ ...SHOWN, state: "closed", reason: "batch_completed", message });

    openPage();

    expect(await screen.findByRole("heading", { name: "This link no longer takes payment" })).toBeTruthy();
    expect(screen.getByText(message)).toBeTruthy();
    expect(screen.getByText("Contact Sunrise Academy")).toBeTruthy();
    expect(screen.getByRole("link", { name: "+91 98765 43210" }).getAttribute("href")).toBe("tel:+919876543210");
    expect(screen.getByRole("link", { name: "https://sunrise.example" })).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("link", { name: /pay/i })).toBeNull();
  });

  it("says so for an unknown link, with nothing to retry", async () => {
    vi.mocked(openCheckout).mockRejectedValue(new ServiceError(404, "not_found", "No such payment link; check the link you were given."));

    openPage();

    expect(await screen.findByText("We can't find this payment link")).toBeTruthy();
    expect(screen.getByText("No such payment link; check the link you were given.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });

  it("offers to try again while the provider is not answering, and opens the link again on request", async () => {
    const unavailable = "The payment provider is not answering right now. Nothing was charged: open the link again in a minute.";
    vi.mocked(openCheckout)
      .mockRejectedValueOnce(new ServiceError(503, "provider_unavailable", unavailable))
      .mockResolvedValueOnce({ ...SHOWN, state: "checkout", url: "https://sandbox.test/checkout/o-3" });

    openPage();

    expect(await screen.findByText(unavailable)).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
    await userEvent.setup().click(screen.getByRole("button", { name: "Try again" }));

    expect(await screen.findByRole("heading", { name: "Taking you to the payment page…" })).toBeTruthy();
    expect(assign).toHaveBeenCalledWith("https://sandbox.test/checkout/o-3");
    expect(openCheckout).toHaveBeenCalledTimes(2);
  });
});
