import { afterEach, describe, expect, it, vi } from "vitest";
import { listUnreadNotifications } from "./list-unread-notifications";
import { markNotificationRead } from "./mark-notification-read";

/** A stand-in query builder: records each call and answers `answer` when awaited. */
const builder = vi.hoisted(() => {
  const calls: [string, ...unknown[]][] = [];
  let answer: unknown = { data: [], error: null, count: 0 };
  const chain: Record<string, unknown> = {};
  for (const method of ["from", "select", "update", "eq", "is", "order", "limit"]) {
    chain[method] = (...args: unknown[]) => {
      calls.push([method, ...args]);
      return chain;
    };
  }
  chain.then = (resolve: (value: unknown) => unknown) => resolve(answer);
  return {
    chain,
    calls,
    answer: (value: unknown) => {
      answer = value;
    },
  };
});

vi.mock("@/lib/supabase", () => ({ supabase: { from: (table: string) => (builder.chain.from as (t: string) => unknown)(table) } }));

afterEach(() => {
  builder.calls.length = 0;
});

describe("listUnreadNotifications", () => {
  it("asks for the user's own unread notices, newest first, with the unread total", async () => {
    const row = { id: "n-1", type: "batch_full", title: "Batch full", body: null, link: null, created_at: "2026-11-22T05:00:00Z" };
    builder.answer({ data: [row], error: null, count: 7 });
    expect(await listUnreadNotifications("admin-1", 5)).toEqual({ items: [row], total: 7 });
    expect(builder.calls).toEqual([
      ["from", "notifications"],
      ["select", "id, type, title, body, link, created_at", { count: "exact" }],
      ["eq", "user_id", "admin-1"],
      ["is", "read_at", null],
      ["order", "created_at", { ascending: false }],
      ["order", "id", { ascending: false }],
      ["limit", 5],
    ]);
  });

  it("raises the service's error", async () => {
    const error = new Error("permission denied");
    builder.answer({ data: null, error, count: null });
    await expect(listUnreadNotifications("admin-1")).rejects.toBe(error);
  });
});

describe("markNotificationRead", () => {
  it("stamps only a notice still unread", async () => {
    builder.answer({ data: null, error: null });
    await markNotificationRead("n-1");
    expect(builder.calls[0]).toEqual(["from", "notifications"]);
    expect(builder.calls[1]?.[0]).toBe("update");
    expect(typeof (builder.calls[1]?.[1] as { read_at: unknown }).read_at).toBe("string");
    expect(builder.calls.slice(2)).toEqual([
      ["eq", "id", "n-1"],
      ["is", "read_at", null],
    ]);
  });
});
