// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";

afterEach(cleanup);

function renderDialog(onConfirm: () => Promise<unknown>) {
  render(
    <ConfirmDialog
      trigger={<Button variant="destructive">Delete batch</Button>}
      title="Delete this batch?"
      description="Its 24 enrollments are cancelled."
      confirmLabel="Delete batch"
      onConfirm={onConfirm}
    />,
  );
}

describe("ConfirmDialog", () => {
  it("asks first, with Cancel focused so Enter does not destroy", async () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    renderDialog(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Delete batch" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete this batch?" });
    expect(dialog.textContent).toContain("Its 24 enrollments are cancelled.");
    expect(document.activeElement?.textContent).toBe("Cancel");
    await userEvent.keyboard("{Enter}");
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("runs the action on confirm and closes", async () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    renderDialog(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Delete batch" }));
    await userEvent.click(screen.getAllByRole("button", { name: "Delete batch" }).at(-1) as HTMLElement);
    expect(onConfirm).toHaveBeenCalledOnce();
    await waitFor(() => {
      expect(screen.queryByRole("alertdialog")).toBeNull();
    });
  });

  it("stays open with the reason when the action fails", async () => {
    renderDialog(() => Promise.reject(new Error("The batch has payments.")));
    await userEvent.click(screen.getByRole("button", { name: "Delete batch" }));
    await userEvent.click(screen.getAllByRole("button", { name: "Delete batch" }).at(-1) as HTMLElement);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The batch has payments.");
    expect(screen.getByRole("alertdialog")).toBeTruthy();
  });
});
