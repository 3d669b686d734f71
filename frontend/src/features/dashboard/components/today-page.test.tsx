// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getActionCounts } from "../api/get-action-counts";
import { getAdminStats } from "../api/get-admin-stats";
import { getFunnel } from "../api/get-funnel";
import { getRecentActivity } from "../api/get-recent-activity";
import { parseAdminStats } from "../dashboard-model";
import { TodayPage } from "./today-page";

vi.mock("../api/get-admin-stats", () => ({ getAdminStats: vi.fn() }));
vi.mock("../api/get-funnel", () => ({ getFunnel: vi.fn() }));
vi.mock("../api/get-recent-activity", () => ({ getRecentActivity: vi.fn() }));
vi.mock("../api/get-action-counts", () => ({ getActionCounts: vi.fn() }));

const zero = { value: 0, previous: 0, daily: [] };
const stats = (newLeads = zero) =>
  parseAdminStats({
    as_of: "2026-11-22T04:00:00Z",
    timezone: "Asia/Kolkata",
    currency: "INR",
    new_leads: newLeads,
    conversions: zero,
    conversion_rate: zero,
    revenue_paise: zero,
    attendance_rate: zero,
    active_students: zero,
    pending_submissions: zero,
    open_tickets: zero,
  });

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <TodayPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.mocked(getActionCounts).mockResolvedValue({ newLeads: 0, pendingReviews: 0, unreadConversations: 0, paymentsPending: 0, deadMessages: 0 });
  vi.mocked(getFunnel).mockResolvedValue([]);
  vi.mocked(getRecentActivity).mockResolvedValue([]);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("TodayPage", { timeout: 20_000 }, () => {
  it("welcomes a fresh center with the next step instead of empty charts", async () => {
    vi.mocked(getAdminStats).mockResolvedValue(stats());
    renderPage();
    expect(await screen.findByText("Nothing to measure yet")).toBeTruthy();
    expect(await screen.findByText(/No leads were created in the last 30 days/)).toBeTruthy();
    expect(await screen.findByText(/Nothing has happened yet/)).toBeTruthy();
    expect(getFunnel).toHaveBeenCalledTimes(1);
  });

  it("shows the week's figures with their trend", async () => {
    vi.mocked(getAdminStats).mockResolvedValue(stats({ value: 12, previous: 10, daily: [] }));
    renderPage();
    const card = (await screen.findByRole("heading", { name: "New leads", level: 3 })).closest("section");
    expect(card).not.toBeNull();
    expect(within(card as HTMLElement).getByText("12")).toBeTruthy();
    expect(within(card as HTMLElement).getByText("+20%")).toBeTruthy();
    expect(screen.queryByText("Nothing to measure yet")).toBeNull();
  });

  it("marks failed messages loudly and links each count to where it is handled", async () => {
    vi.mocked(getAdminStats).mockResolvedValue(stats());
    vi.mocked(getActionCounts).mockResolvedValue({ newLeads: 4, pendingReviews: 1, unreadConversations: 0, paymentsPending: 2, deadMessages: 3 });
    renderPage();
    const failed = await screen.findByRole("link", { name: /Messages that failed\s*3/ });
    expect(failed.getAttribute("href")).toBe("/admin/outbox");
    expect(screen.getByRole("link", { name: /New leads\s*4/ }).getAttribute("href")).toBe("/admin/leads?status=new");
  });

  it("explains a failure and offers to try again", async () => {
    vi.mocked(getAdminStats).mockRejectedValue(new Error("offline"));
    renderPage();
    expect(await screen.findByText("Could not load this week's figures")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
    expect(getFunnel).not.toHaveBeenCalled();
  });
});
