// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PaymentBadge, ShortfallNote } from "./payment-badge";

afterEach(cleanup);

const short = { status: "paid", amount_paise: 1_250_000, received_paise: 1_000_000, currency: "INR" } as const;

describe("a payment's badge", () => {
  it("says a payment paid short is short, with what it received and what is missing", () => {
    render(
      <>
        <PaymentBadge payment={short} />
        <ShortfallNote payment={short} />
      </>,
    );
    expect(screen.getByText("Paid short")).toBeTruthy();
    expect(screen.getByText("₹10,000 of ₹12,500 received; ₹2,500 missing. Not enrolled: send a link for the balance, or refund it.")).toBeTruthy();
  });

  it("says paid, and nothing more, for a payment that received what it asked", () => {
    const { container } = render(
      <>
        <PaymentBadge payment={{ ...short, received_paise: 1_250_000 }} />
        <ShortfallNote payment={{ ...short, received_paise: 1_250_000 }} />
      </>,
    );
    expect(container.textContent).toBe("Paid");
  });
});
