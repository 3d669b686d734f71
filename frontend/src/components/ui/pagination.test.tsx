// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Pagination } from "./pagination";

afterEach(cleanup);

describe("Pagination", () => {
  it("says which rows are shown and pages forward and back", async () => {
    const onPageChange = vi.fn();
    render(<Pagination page={2} pageSize={20} total={1312} onPageChange={onPageChange} noun="leads" />);
    expect(screen.getByRole("navigation", { name: "Pages of leads" }).textContent).toContain("21–40 of 1,312 leads");
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    await userEvent.click(screen.getByRole("button", { name: "Previous" }));
    expect(onPageChange.mock.calls).toEqual([[3], [1]]);
  });

  it("disables what leads nowhere", () => {
    render(<Pagination page={1} pageSize={20} total={0} onPageChange={vi.fn()} noun="payments" />);
    expect(screen.getByText("No payments")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Previous" }).disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Next" }).disabled).toBe(true);
  });
});
