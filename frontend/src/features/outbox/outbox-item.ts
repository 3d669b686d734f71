/** What an admin may do to an outbox row in each status (the service makes the change), and how rows read. */
import type { Database } from "@/lib/database.types";

export type OutboxStatus = Database["public"]["Enums"]["outbox_status"];
export type OutboxItem = Database["public"]["Tables"]["outbox"]["Row"];
export type OutboxAction = "pause" | "resume" | "retry" | "cancel";

/** The lists of the page: rows still to be sent, rows held by an admin, rows that gave up. */
export type OutboxView = "pending" | "paused" | "dead";

export const VIEW_STATUSES: Record<OutboxView, OutboxStatus> = {
  pending: "pending",
  paused: "paused",
  dead: "dead",
};

const ACTIONS: Partial<Record<OutboxStatus, OutboxAction[]>> = {
  pending: ["retry", "pause", "cancel"],
  paused: ["resume", "cancel"],
  dead: ["retry", "cancel"],
};

/** Actions offered for a row; a row a worker holds (processing) or that is finished has none. */
export function actionsFor(status: OutboxStatus): OutboxAction[] {
  return ACTIONS[status] ?? [];
}

export const ACTION_LABELS: Record<OutboxAction, string> = {
  pause: "Pause",
  resume: "Resume",
  retry: "Retry now",
  cancel: "Cancel",
};

export const ACTION_DONE: Record<OutboxAction, string> = {
  pause: "Paused: it will not be sent until you resume it.",
  resume: "Resumed: it will be sent on the worker's next pass.",
  retry: "Queued to send now.",
  cancel: "Cancelled: it will not be sent.",
};

/** "email · send", "call · start_call": what the row does, in the words of the outbox. */
export function describeOperation(item: Pick<OutboxItem, "channel" | "operation" | "provider">): string {
  const provider = item.provider ? ` via ${item.provider}` : "";
  return `${item.channel} · ${item.operation.replaceAll("_", " ")}${provider}`;
}

/** Who receives it: a lead or a student, and whether the message goes to the parent. */
export function describeRecipient(item: Pick<OutboxItem, "lead_id" | "profile_id" | "party">): string {
  const who = item.profile_id ? "Student" : item.lead_id ? "Lead" : "No contact";
  return item.party === "parent" ? `${who} (parent)` : who;
}

/**
 * Why the worker is holding a pending row back ("quiet hours in Asia/Kolkata", "checking whether it was
 * sent", a provider's rate limit), as the worker wrote it; null when nothing holds it.
 */
export function holdReason(item: Pick<OutboxItem, "status" | "result">): string | null {
  if (item.status !== "pending" || item.result === null || typeof item.result !== "object" || Array.isArray(item.result)) return null;
  const held = item.result.held;
  return typeof held === "string" && held !== "" ? held : null;
}
