// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getMyProfile } from "../api/get-my-profile";
import { listMyPayments } from "../api/list-my-payments";
import type { StudentPayment } from "../student-payments";
import { StudentPaymentsPage } from "./student-payments-page";

vi.mock("@/lib/supabase", () => ({ supabase: {} })); // no project configured in a test run
vi.mock("../api/list-my-payments", () => ({ listMyPayments: vi.fn() }));
vi.mock("../api/get-my-profile", () => ({ getMyProfile: vi.fn() }));

function payment(id: string, status: StudentPayment["status"], batchId: string, renews: string | null = null): StudentPayment {
  return {
    id,
    status,
    amount_paise: 1_250_000,
    refunded_paise: 0,
    currency: "INR",
    created_at: "2026-11-20T10:00:00Z",
    paid_at: null,
    receipt_number: null,
    receipt_path: null,
    batch_id: batchId,
    renews,
    link_closed_at: null,
    batch: { name: `Batch ${batchId}`, status: "open", course: { title: "Young Founders" } },
  };
}

describe("StudentPaymentsPage", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("sends Pay now to the link's page and leaves out renewals that took no money", async () => {
    vi.mocked(getMyProfile).mockResolvedValue({ timezone: "Asia/Kolkata" } as Awaited<ReturnType<typeof getMyProfile>>);
    vi.mocked(listMyPayments).mockResolvedValue([
      payment("lapsed-renewal", "expired", "b1", "first"),
      payment("first", "expired", "b1"),
      payment("paid", "paid", "b2"),
      payment("older", "failed", "b2"),
    ]);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <StudentPaymentsPage userId="s-1" />
        </MemoryRouter>
      </QueryClientProvider>,
    );

    const table = await screen.findByRole("table", { name: "Your payments, newest first" });
    await within(table).findByText("Young Founders · Batch b1");
    expect(within(table).getAllByRole("row")).toHaveLength(1 + 3);
    const payNow = within(table).getAllByRole("link", { name: "Pay now" });
    expect(payNow.map((link) => link.getAttribute("href"))).toEqual(["/pay/first"]);
    const first = payNow[0]?.closest("tr");
    expect(first && within(first).getByText("Awaiting payment")).toBeTruthy(); // not "Link expired": it still takes payment
    expect(within(table).getByText("Failed")).toBeTruthy();
  });
});
