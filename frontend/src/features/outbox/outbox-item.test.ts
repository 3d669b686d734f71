import { describe, expect, it } from "vitest";
import { actionsFor, describeOperation, describeRecipient, holdReason } from "./outbox-item";

describe("actionsFor", () => {
  it("offers pause, retry and cancel for pending rows and nothing for rows a worker holds or that are done", () => {
    expect(actionsFor("pending")).toEqual(["retry", "pause", "cancel"]);
    expect(actionsFor("paused")).toEqual(["resume", "cancel"]);
    expect(actionsFor("dead")).toEqual(["retry", "cancel"]);
    for (const status of ["processing", "sent", "cancelled", "skipped"] as const) expect(actionsFor(status)).toEqual([]);
  });
});

describe("descriptions", () => {
  it("names the operation and the provider", () => {
    expect(describeOperation({ channel: "call", operation: "start_call", provider: "bolna" })).toBe("call · start call via bolna");
    expect(describeOperation({ channel: "email", operation: "send", provider: null })).toBe("email · send");
  });

  it("names the recipient and the parent", () => {
    expect(describeRecipient({ lead_id: "l", profile_id: null, party: "parent" })).toBe("Lead (parent)");
    expect(describeRecipient({ lead_id: "l", profile_id: "p", party: "self" })).toBe("Student");
    expect(describeRecipient({ lead_id: null, profile_id: null, party: "self" })).toBe("No contact");
  });
});

describe("holdReason", () => {
  it("gives the worker's reason for holding a pending row back", () => {
    expect(holdReason({ status: "pending", result: { held: "checking whether it was sent" } })).toBe("checking whether it was sent");
    expect(holdReason({ status: "pending", result: { held: "quiet hours in Asia/Kolkata" } })).toBe("quiet hours in Asia/Kolkata");
  });

  it("is null when nothing holds the row, or the row is no longer waiting", () => {
    expect(holdReason({ status: "pending", result: null })).toBeNull();
    expect(holdReason({ status: "pending", result: { provider_message_id: "x" } })).toBeNull();
    expect(holdReason({ status: "pending", result: ["held"] })).toBeNull();
    expect(holdReason({ status: "sent", result: { held: "quiet hours in Asia/Kolkata" } })).toBeNull();
  });
});
