// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPaymentLink } from "../api/create-payment-link";
import { getPaymentLink } from "../api/get-payment-link";
import { listCourseBatches } from "../api/list-course-batches";
import { PaymentLinkDialog } from "./payment-link-dialog";

vi.mock("@/lib/supabase", () => ({ supabase: {} })); // no project configured in a test run
vi.mock("../api/create-payment-link", () => ({ createPaymentLink: vi.fn() }));
vi.mock("../api/get-payment-link", () => ({ getPaymentLink: vi.fn() }));
vi.mock("../api/list-course-batches", () => ({ listCourseBatches: vi.fn() }));

const REFUSAL = 'instamojo: HTTP 400: {"phone": ["Enter a valid phone number."]}';

async function createLink() {
  vi.mocked(listCourseBatches).mockResolvedValue([
    { id: "b-1", name: "January Weekend", starts_on: "2027-01-09", course: { title: "Young Founders", price_paise: 1_250_000, currency: "INR" } },
  ]);
  vi.mocked(createPaymentLink).mockResolvedValue({ paymentId: "p-1", amountPaise: 1_250_000 });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PaymentLinkDialog to={{ payer: { leadId: "l-1" }, name: "Asha Rao", courseId: "c-1" }} />
    </QueryClientProvider>,
  );
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Send payment link" }));
  await user.click(await screen.findByRole("button", { name: "Create and send" }));
}

describe("PaymentLinkDialog", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("stops waiting and shows the provider's refusal once the outbox gave up on the link", async () => {
    vi.mocked(getPaymentLink).mockResolvedValue({ payment_url: null, job: { status: "dead", last_error: REFUSAL } });

    await createLink();

    expect(await screen.findByText("The payment link was not made")).toBeTruthy();
    expect(screen.getByText(REFUSAL)).toBeTruthy();
    expect(screen.getByText(/nothing was sent to Asha Rao/)).toBeTruthy();
    expect(screen.queryByText(/Waiting for the payment provider/)).toBeNull();
  });

  it("shows the link's page, not the provider's checkout, once the provider made the order", async () => {
    vi.mocked(getPaymentLink).mockResolvedValue({ payment_url: "https://mercury.sandbox.test/checkout/OMO-1", job: { status: "sent", last_error: null } });

    await createLink();

    const page = `${window.location.origin}/pay/p-1`;
    expect((await screen.findByRole("link", { name: page })).getAttribute("href")).toBe(page);
    expect(screen.queryByText(/mercury\.sandbox\.test/)).toBeNull();
  });

  it("waits while the link is being made", async () => {
    vi.mocked(getPaymentLink).mockResolvedValue({ payment_url: null, job: { status: "pending", last_error: null } });

    await createLink();

    expect(await screen.findByText(/Waiting for the payment provider to make the link/)).toBeTruthy();
  });
});
