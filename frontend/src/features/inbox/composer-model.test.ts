import { describe, expect, it } from "vitest";
import { BODY_MAX, composerMode, draftProblem } from "./composer-model";
import { whatsappWindow } from "./inbox-model";

const now = new Date("2026-11-22T06:00:00Z");

describe("composerMode", () => {
  it("writes email freely whatever WhatsApp's window", () => {
    expect(composerMode("email", undefined)).toBe("free");
  });

  it("writes WhatsApp freely only while the contact's own window is open", () => {
    const open = whatsappWindow("self", "2026-11-21T08:00:00Z", now);
    const parentOnly = whatsappWindow("parent", "2026-11-22T05:00:00Z", now);
    expect(composerMode("whatsapp", [open])).toBe("free");
    expect(composerMode("whatsapp", [whatsappWindow("self", "2026-11-21T05:59:00Z", now), parentOnly])).toBe("template");
    expect(composerMode("whatsapp", [whatsappWindow("self", null, now)])).toBe("template");
  });

  it("offers templates while the window is not known yet", () => {
    expect(composerMode("whatsapp", undefined)).toBe("template");
  });
});

describe("draftProblem", () => {
  it("asks an email for its subject first, then a body", () => {
    expect(draftProblem("email", { subject: " ", body: "Hi" })).toEqual({ field: "subject", message: "Give the email a subject." });
    expect(draftProblem("email", { subject: "Fees", body: "  " })).toEqual({ field: "body", message: "Write a message first." });
  });

  it("needs no subject on WhatsApp", () => {
    expect(draftProblem("whatsapp", { subject: "", body: "Namaste" })).toBeNull();
  });

  it("refuses a body longer than the service accepts", () => {
    expect(draftProblem("whatsapp", { subject: "", body: "x".repeat(BODY_MAX + 1) })?.field).toBe("body");
  });
});
