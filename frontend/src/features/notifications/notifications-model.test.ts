import { describe, expect, it } from "vitest";
import { ALERTS_LIMIT, appPath, unlistedCount, withAlertRestored, withoutAlert, type AlertNotification, type UnreadAlerts } from "./notifications-model";

function alert(id: string, createdAt: string): AlertNotification {
  return { id, type: "batch_full", title: "Batch full", body: null, link: null, created_at: createdAt };
}

const newest = alert("a3", "2026-11-22T05:00:00Z");
const middle = alert("a2", "2026-11-22T04:00:00Z");
const oldest = alert("a1", "2026-11-21T09:00:00Z");

describe("appPath", () => {
  it("follows paths inside the app", () => {
    expect(appPath("/admin/batches/5d0b2a7e")).toBe("/admin/batches/5d0b2a7e");
    expect(appPath(" /admin/leads/42 ")).toBe("/admin/leads/42");
  });

  it("follows nothing else: no link, other sites, or schemes", () => {
    expect(appPath(null)).toBeNull();
    expect(appPath("")).toBeNull();
    expect(appPath("admin/leads")).toBeNull();
    expect(appPath("//evil.example/admin")).toBeNull();
    expect(appPath("/\\evil.example")).toBeNull();
    expect(appPath("https://evil.example/")).toBeNull();
    expect(appPath("javascript:alert(1)")).toBeNull();
  });
});

describe("unlistedCount", () => {
  it("counts the unread alerts the list leaves out", () => {
    expect(unlistedCount({ items: [newest, middle], total: 25 })).toBe(23);
    expect(unlistedCount({ items: [newest, middle], total: 2 })).toBe(0);
  });
});

describe("withoutAlert", () => {
  it("takes the alert out of the list and the count", () => {
    expect(withoutAlert({ items: [newest, middle, oldest], total: 30 }, "a2")).toEqual({ items: [newest, oldest], total: 29 });
  });

  it("leaves the list alone when the alert is not in it", () => {
    const alerts: UnreadAlerts = { items: [newest], total: 1 };
    expect(withoutAlert(alerts, "gone")).toBe(alerts);
  });
});

describe("withAlertRestored", () => {
  it("puts the alert back in its newest-first place and counts it again", () => {
    expect(withAlertRestored({ items: [newest, oldest], total: 2 }, middle)).toEqual({ items: [newest, middle, oldest], total: 3 });
  });

  it("keeps out another alert marked read meanwhile", () => {
    let alerts: UnreadAlerts = { items: [newest, middle, oldest], total: 3 };
    alerts = withoutAlert(alerts, "a3");
    alerts = withoutAlert(alerts, "a1");
    expect(withAlertRestored(alerts, newest)).toEqual({ items: [newest, middle], total: 2 });
  });

  it("does not list an alert twice, nor more than the limit", () => {
    const listed: UnreadAlerts = { items: [newest], total: 1 };
    expect(withAlertRestored(listed, newest)).toBe(listed);
    const full = Array.from({ length: ALERTS_LIMIT }, (_, index) => alert(`b${String(index)}`, "2026-11-22T03:00:00Z"));
    const restored = withAlertRestored({ items: full, total: ALERTS_LIMIT + 4 }, newest);
    expect(restored.items).toHaveLength(ALERTS_LIMIT);
    expect(restored.items[0]).toBe(newest);
    expect(restored.total).toBe(ALERTS_LIMIT + 5);
  });
});
