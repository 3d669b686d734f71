// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { listCourseOptions } from "../api/list-course-options";
import { listLeads, type LeadListRow } from "../api/list-leads";
import { LeadsPage } from "./leads-page";

vi.mock("../api/list-leads", () => ({ listLeads: vi.fn() }));
vi.mock("../api/list-course-options", () => ({ listCourseOptions: vi.fn() }));

const asha: LeadListRow = {
  id: "l1",
  full_name: "Asha Rao",
  email: "asha@example.test",
  phone: "+919800000001",
  status: "new",
  source: "form",
  tags: ["demo"],
  created_at: "2026-11-20T05:00:00Z",
  last_contacted_at: null,
  course: { title: "Young Founders" },
};

function renderPage(address = "/admin/leads") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[address]}>
        <LeadsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.mocked(listCourseOptions).mockResolvedValue([]);
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe("LeadsPage", { timeout: 20_000 }, () => {
  it("lists leads with their status and asks the server for the newest first", async () => {
    vi.mocked(listLeads).mockResolvedValue({ rows: [asha], total: 1 });
    renderPage();
    expect(await screen.findByText("Asha Rao")).toBeTruthy();
    expect(screen.getByText("New")).toBeTruthy();
    expect(vi.mocked(listLeads).mock.calls[0]?.[0]).toMatchObject({ sort: "created_at", ascending: false, page: 1 });
  });

  it("searches on submit and sorts by a column header", async () => {
    vi.mocked(listLeads).mockResolvedValue({ rows: [asha], total: 1 });
    renderPage();
    await screen.findByText("Asha Rao");
    await userEvent.type(screen.getByRole("searchbox", { name: "Search leads" }), "rao{Enter}");
    expect(vi.mocked(listLeads).mock.lastCall?.[0]).toMatchObject({ search: "rao" });
    await userEvent.click(screen.getByRole("button", { name: /^Sort by Name/ }));
    expect(vi.mocked(listLeads).mock.lastCall?.[0]).toMatchObject({ search: "rao", sort: "full_name", ascending: true });
  });

  it("says when filters match nothing and offers to clear them", async () => {
    vi.mocked(listLeads).mockResolvedValue({ rows: [], total: 0 });
    renderPage("/admin/leads?status=lost");
    expect(await screen.findByText("No leads match")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Clear search and filters" }));
    expect(vi.mocked(listLeads).mock.lastCall?.[0]).toMatchObject({ status: null });
  });
});
