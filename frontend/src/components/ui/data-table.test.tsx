// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataTable, type Column } from "./data-table";

interface Lead {
  id: string;
  name: string;
}

const columns: Column<Lead>[] = [{ id: "name", header: "Name", cell: (lead) => lead.name }];
const base = { caption: "Leads", columns, rowKey: (lead: Lead) => lead.id, empty: { title: "No leads yet" } };

afterEach(cleanup);

describe("DataTable", () => {
  it("shows placeholder rows while loading and says it is busy", () => {
    const { container } = render(<DataTable {...base} status="pending" rows={undefined} loadingRows={3} />);
    expect(screen.getByRole("table").getAttribute("aria-busy")).toBe("true");
    expect(container.querySelectorAll("tbody tr")).toHaveLength(3);
  });

  it("shows the rows under their headers", () => {
    render(<DataTable {...base} status="success" rows={[{ id: "1", name: "Asha" }, { id: "2", name: "Ravi" }]} />);
    expect(screen.getByRole("columnheader", { name: "Name" })).toBeTruthy();
    expect(screen.getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["Asha", "Ravi"]);
    expect(screen.getByRole("table").getAttribute("aria-busy")).toBeNull();
  });

  it("says when there is nothing, with the next step", () => {
    render(
      <DataTable
        {...base}
        status="success"
        rows={[]}
        empty={{ title: "No leads yet", description: "Leads arrive from the course pages.", action: <button type="button">Import a CSV</button> }}
      />,
    );
    expect(screen.getByText("No leads yet")).toBeTruthy();
    expect(screen.getByText("Leads arrive from the course pages.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Import a CSV" })).toBeTruthy();
  });

  it("explains a failure and retries on request", async () => {
    const retry = vi.fn();
    render(<DataTable {...base} status="error" rows={undefined} error={new Error("permission denied for table leads")} onRetry={retry} />);
    expect(screen.getByRole("alert").textContent).toContain("permission denied for table leads");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
