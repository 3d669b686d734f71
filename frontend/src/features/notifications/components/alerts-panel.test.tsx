// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatRelativeTime } from "@/lib/format/time";
import { listUnreadNotifications } from "../api/list-unread-notifications";
import { markNotificationRead } from "../api/mark-notification-read";
import type { AlertNotification, UnreadAlerts } from "../notifications-model";
import { AlertsPanel } from "./alerts-panel";

vi.mock("../api/list-unread-notifications", () => ({ listUnreadNotifications: vi.fn() }));
vi.mock("../api/mark-notification-read", () => ({ markNotificationRead: vi.fn() }));

const NOW = new Date("2026-11-22T06:00:00Z");
const ZONE = "Asia/Kolkata";

const batchFull: AlertNotification = {
  id: "n-2",
  type: "batch_full",
  title: "Batch full",
  body: "A paid student awaits a seat in Python Evenings; raise its capacity or move them.",
  link: "/admin/batches/b-1",
  created_at: "2026-11-22T05:30:00Z",
};
const needsEmail: AlertNotification = {
  id: "n-1",
  type: "payment_needs_email",
  title: "Paid, but no email address",
  body: "Asha Rao paid ₹12,000; add their email address so they get a student account.",
  link: "/admin/leads/l-7",
  created_at: "2026-11-21T10:00:00Z",
};

function unread(items: AlertNotification[], total = items.length): UnreadAlerts {
  return { items, total };
}

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AlertsPanel userId="admin-1" timeZone={ZONE} now={NOW} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((done, fail) => {
    resolve = () => {
      done();
    };
    reject = fail;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
});

describe("AlertsPanel", { timeout: 20_000 }, () => {
  it("lists the admin's unread alerts newest first, each with its text, time and page", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([batchFull, needsEmail]));
    renderPanel();
    const region = screen.getByRole("region", { name: "Alerts" });
    const list = await within(region).findByRole("list", { name: "Unread alerts, newest first" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain("Batch full");
    expect(items[0]?.textContent).toContain("awaits a seat in Python Evenings");
    expect(items[0]?.textContent).toContain(formatRelativeTime(batchFull.created_at, NOW, ZONE));
    expect(items[1]?.textContent).toContain("Paid, but no email address");
    expect(within(region).getByRole("link", { name: "Batch full" }).getAttribute("href")).toBe("/admin/batches/b-1");
    expect(within(region).getByRole("link", { name: "Paid, but no email address" }).getAttribute("href")).toBe("/admin/leads/l-7");
    expect(within(region).getByText("2 unread")).toBeTruthy();
    expect(listUnreadNotifications).toHaveBeenCalledWith("admin-1");
  });

  it("names each button after its alert and describes it with the alert's text", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([batchFull]));
    renderPanel();
    const button = await screen.findByRole("button", { name: "Mark as read: Batch full" });
    expect(button.textContent).toBe("Mark as read");
    expect(button.getAttribute("aria-describedby")).not.toBeNull();
    expect(document.getElementById(button.getAttribute("aria-describedby") ?? "")?.textContent).toBe(batchFull.body);
  });

  it("shows a title without a link when the alert has no page, or a link outside the app", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(
      unread([
        { ...batchFull, id: "n-3", title: "No page", link: null },
        { ...batchFull, id: "n-4", title: "Elsewhere", link: "https://evil.example/" },
      ]),
    );
    renderPanel();
    await screen.findByText("No page");
    expect(screen.getByText("Elsewhere")).toBeTruthy();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("says how many more are unread when not all are listed", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([batchFull, needsEmail], 34));
    renderPanel();
    expect(await screen.findByText(/Showing the newest 2 of 34 unread alerts/)).toBeTruthy();
    expect(screen.getByText("34 unread")).toBeTruthy();
  });

  it("says there is nothing to do when no alert is unread", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([]));
    renderPanel();
    expect(await screen.findByText(/No alerts: you are all caught up/)).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
    expect(screen.queryByText(/unread$/)).toBeNull();
  });

  it("shows that it is loading, then explains a failure and loads again on request", async () => {
    vi.mocked(listUnreadNotifications).mockRejectedValueOnce(new Error("offline")).mockResolvedValue(unread([batchFull]));
    renderPanel();
    expect(screen.getByRole("status", { name: "Loading alerts" })).toBeTruthy();
    expect(await screen.findByText("Could not load your alerts")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("button", { name: "Mark as read: Batch full" })).toBeTruthy();
  });

  it("takes an alert off the list at once when marked read, and moves focus to the next one", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([batchFull, needsEmail]));
    const request = deferred();
    vi.mocked(markNotificationRead).mockReturnValue(request.promise);
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Mark as read: Batch full" }));

    // Still waiting for the server, and already gone.
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Mark as read: Batch full" })).toBeNull();
    });
    expect(markNotificationRead).toHaveBeenCalledWith("n-2");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Mark as read: Paid, but no email address" }));
    expect(screen.getByText("1 unread")).toBeTruthy();

    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([needsEmail]));
    request.resolve();
    await waitFor(() => {
      expect(listUnreadNotifications).toHaveBeenCalledTimes(2);
    });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
  });

  it("puts the alert back and says so when marking it read fails", async () => {
    vi.mocked(listUnreadNotifications).mockResolvedValue(unread([batchFull, needsEmail]));
    const request = deferred();
    vi.mocked(markNotificationRead).mockReturnValue(request.promise);
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Mark as read: Paid, but no email address" }));
    await waitFor(() => {
      expect(screen.getAllByRole("listitem")).toHaveLength(1);
    });

    request.reject(new Error("The network is down."));
    const failure = await screen.findByRole("alert");
    expect(failure.textContent).toContain("“Paid, but no email address” is still unread");
    expect(failure.textContent).toContain("The network is down.");
    const items = screen.getAllByRole("listitem");
    expect(items.map((item) => item.querySelector("a")?.textContent)).toEqual(["Batch full", "Paid, but no email address"]);
    expect(screen.getByText("2 unread")).toBeTruthy();
  });
});
