import { describe, expect, it } from "vitest";
import { contactName, singleEmbed, deliveryOf, failureReason, formatDuration, mergeByTime, sortInbox, whatsappWindow, type TimelineMessage } from "./inbox-model";

describe("sortInbox", () => {
  it("puts unread threads first, each group newest first, threads without messages last", () => {
    const rows = [
      { id: "old-read", unread_count: 0, last_message_at: "2026-11-20T10:00:00Z" },
      { id: "empty", unread_count: 0, last_message_at: null },
      { id: "new-read", unread_count: 0, last_message_at: "2026-11-22T10:00:00Z" },
      { id: "old-unread", unread_count: 3, last_message_at: "2026-11-19T10:00:00Z" },
      { id: "new-unread", unread_count: 1, last_message_at: "2026-11-21T10:00:00Z" },
    ];
    expect(sortInbox(rows).map((row) => row.id)).toEqual(["new-unread", "old-unread", "new-read", "old-read", "empty"]);
  });
});

describe("contactName", () => {
  it("prefers the student's name, then the lead's, then an address", () => {
    const lead = { full_name: "Asha Rao", email: "asha@example.test", phone: null };
    expect(contactName({ lead, profile: { full_name: "Asha R.", email: null, phone: null } })).toBe("Asha R.");
    expect(contactName({ lead, profile: null })).toBe("Asha Rao");
    expect(contactName({ lead: { ...lead, full_name: " " }, profile: null })).toBe("asha@example.test");
    expect(contactName({ lead: null, profile: null })).toBe("Unnamed contact");
  });

  it("names a thread of unverified emails from nobody we know by the address they claimed", () => {
    expect(contactName({ lead: null, profile: null, unverified_sender: "asha@example.test" })).toBe(
      "Unverified sender asha@example.test",
    );
  });
});

describe("deliveryOf", () => {
  it("maps statuses to ticks and failures", () => {
    expect(deliveryOf("sent")).toEqual({ kind: "ticks", ticks: 1, read: false, label: "Sent" });
    expect(deliveryOf("read")).toEqual({ kind: "ticks", ticks: 2, read: true, label: "Read" });
    expect(deliveryOf("bounced")).toEqual({ kind: "failed", label: "Bounced" });
    expect(deliveryOf("received")).toEqual({ kind: "none" });
  });
});

describe("failureReason", () => {
  it("prefers WhatsApp's reason with its code, then the bounce, then the message's error", () => {
    const whatsapp = { failure_code: "131047", failure_reason: "Re-engagement message" };
    expect(failureReason({ error: "x", whatsapp, email: null })).toBe("Re-engagement message (code 131047)");
    expect(failureReason({ error: "x", whatsapp: null, email: { bounce_type: "hard", bounce_reason: "No mailbox" } })).toBe("No mailbox");
    expect(failureReason({ error: "timeout", whatsapp: null, email: null })).toBe("timeout");
    expect(failureReason({ error: null, whatsapp: null, email: null })).toBe("The provider gave no reason.");
  });
});

describe("whatsappWindow", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  it("is open for 24 hours after the last inbound message", () => {
    const window = whatsappWindow("self", "2026-11-21T12:30:00Z", now);
    expect(window.open).toBe(true);
    expect(window.endsAt?.toISOString()).toBe("2026-11-22T12:30:00.000Z");
  });
  it("is closed after 24 hours and when the person never wrote", () => {
    expect(whatsappWindow("parent", "2026-11-21T11:59:00Z", now).open).toBe(false);
    expect(whatsappWindow("self", null, now)).toEqual({ party: "self", endsAt: null, open: false });
  });
});

describe("formatDuration", () => {
  it("shows minutes and padded seconds", () => {
    expect(formatDuration(245)).toBe("4 min 05 s");
    expect(formatDuration(42)).toBe("42 s");
  });
});

describe("singleEmbed", () => {
  it("reads a one-to-one embed the same whether it comes as an object or a list", () => {
    expect(singleEmbed({ a: 1 })).toEqual({ a: 1 });
    expect(singleEmbed([{ a: 1 }])).toEqual({ a: 1 });
    expect(singleEmbed([])).toBeNull();
    expect(singleEmbed(null)).toBeNull();
  });
});

describe("mergeByTime", () => {
  const message = (id: string, created_at: string) => ({ id, created_at }) as TimelineMessage;

  it("places extra entries among the messages by time, messages first at equal times", () => {
    const merged = mergeByTime(
      [message("m1", "2026-11-01T10:00:00Z"), message("m2", "2026-11-03T10:00:00Z")],
      [
        { key: "p1", at: "2026-11-02T10:00:00Z", element: null },
        { key: "p2", at: "2026-11-03T10:00:00Z", element: null },
      ],
    );
    expect(merged.map((entry) => ("key" in entry ? entry.key : entry.id))).toEqual(["m1", "p1", "m2", "p2"]);
  });
});
