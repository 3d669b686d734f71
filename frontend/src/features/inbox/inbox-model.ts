/** The inbox's shapes and rules: list order, contact names, delivery ticks, WhatsApp's 24-hour window. */
import type { ReactNode } from "react";
import type { Database } from "@/lib/database.types";

type Tables = Database["public"]["Tables"];
type Enums = Database["public"]["Enums"];
export type ContactParty = Enums["contact_party"];
export type MessageChannel = Enums["message_channel"];
export type MessageStatus = Enums["message_status"];
export type ConversationStatus = Enums["conversation_status"];

export interface ConversationSummary {
  id: string;
  lead_id: string | null;
  /** The address unverified emails from nobody we know claimed; set only on a thread without a contact. */
  unverified_sender: string | null;
  status: ConversationStatus;
  last_message_at: string | null;
  last_message_preview: string | null;
  last_channel: MessageChannel | null;
  unread_count: number;
  lead: { full_name: string; email: string | null; phone: string | null } | null;
  profile: { full_name: string | null; email: string | null; phone: string | null } | null;
}

export type TimelineMessage = Tables["crm_messages"]["Row"] & {
  call: Pick<
    Tables["call_logs"]["Row"],
    "status" | "started_at" | "ended_at" | "duration_seconds" | "recording_url" | "transcript" | "summary" | "disposition"
  > | null;
  whatsapp: Pick<Tables["whatsapp_logs"]["Row"], "failure_code" | "failure_reason"> | null;
  email: Pick<Tables["email_logs"]["Row"], "bounce_type" | "bounce_reason"> | null;
  author: { full_name: string | null } | null;
};

/** A timeline entry that is not a message (e.g. a payment), placed among the messages by `at`. */
export interface TimelineExtra {
  key: string;
  at: string;
  element: ReactNode;
}

/** Messages and extra entries in one list, oldest first; at equal times messages come first. */
export function mergeByTime(messages: TimelineMessage[], extra: TimelineExtra[]): (TimelineMessage | TimelineExtra)[] {
  const at = (entry: TimelineMessage | TimelineExtra) => new Date("element" in entry ? entry.at : entry.created_at).getTime();
  return [...messages, ...extra].sort((a, b) => at(a) - at(b));
}

export interface InboxFilters {
  channel: MessageChannel | "all";
  status: "open" | "closed" | "all";
}

/**
 * A one-to-one embed as an object. PostgREST answers an object for a key that is also unique, but
 * some servers answer a list of at most one; both read the same here.
 */
export function singleEmbed<T extends object>(value: T | T[] | null): T | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value;
}

/** The contact's name: the student's profile once converted, else the lead's, else a fallback; a thread of
 * unverified emails from nobody we know is named by the address they claimed, said to be unverified. */
export function contactName(
  conversation: Pick<ConversationSummary, "lead" | "profile"> & Partial<Pick<ConversationSummary, "unverified_sender">>,
): string {
  if (conversation.unverified_sender) return `Unverified sender ${conversation.unverified_sender}`;
  const name = conversation.profile?.full_name?.trim() || conversation.lead?.full_name.trim();
  if (name) return name;
  return conversation.profile?.email ?? conversation.lead?.email ?? conversation.lead?.phone ?? "Unnamed contact";
}

function time(value: string | null): number {
  return value ? new Date(value).getTime() : 0;
}

/** Unread threads first, then the most recent; threads without messages last. Returns a new array. */
export function sortInbox<T extends Pick<ConversationSummary, "unread_count" | "last_message_at">>(rows: T[]): T[] {
  return [...rows].sort(
    (a, b) => Number(b.unread_count > 0) - Number(a.unread_count > 0) || time(b.last_message_at) - time(a.last_message_at),
  );
}

/** How a delivery state reads: a tick count for sent/delivered/read, loud for failures. */
export type Delivery =
  | { kind: "ticks"; ticks: 0 | 1 | 2; read: boolean; label: string }
  | { kind: "failed"; label: string }
  | { kind: "none" };

export function deliveryOf(status: MessageStatus): Delivery {
  switch (status) {
    case "queued":
      return { kind: "ticks", ticks: 0, read: false, label: "Queued" };
    case "sent":
      return { kind: "ticks", ticks: 1, read: false, label: "Sent" };
    case "delivered":
      return { kind: "ticks", ticks: 2, read: false, label: "Delivered" };
    case "read":
      return { kind: "ticks", ticks: 2, read: true, label: "Read" };
    case "failed":
      return { kind: "failed", label: "Failed" };
    case "bounced":
      return { kind: "failed", label: "Bounced" };
    case "received":
      return { kind: "none" };
  }
}

/** The reason a message failed, from the most specific source the service recorded. */
export function failureReason(message: Pick<TimelineMessage, "error" | "whatsapp" | "email">): string {
  const whatsapp = message.whatsapp?.failure_reason
    ? `${message.whatsapp.failure_reason}${message.whatsapp.failure_code ? ` (code ${message.whatsapp.failure_code})` : ""}`
    : null;
  return whatsapp ?? message.email?.bounce_reason ?? message.error ?? "The provider gave no reason.";
}

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface WhatsAppWindow {
  party: ContactParty;
  /** When free-form messages stop being allowed; null when the person never wrote on WhatsApp. */
  endsAt: Date | null;
  open: boolean;
}

/** WhatsApp's customer-service window: open for 24 hours after the person's last inbound message. */
export function whatsappWindow(party: ContactParty, lastInboundAt: string | null, now: Date): WhatsAppWindow {
  if (!lastInboundAt) return { party, endsAt: null, open: false };
  const endsAt = new Date(new Date(lastInboundAt).getTime() + WHATSAPP_WINDOW_MS);
  return { party, endsAt, open: endsAt.getTime() > now.getTime() };
}

/** "4 min 05 s" for a call's length. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min ${String(rest).padStart(2, "0")} s` : `${rest} s`;
}

export const CHANNEL_LABELS: Record<MessageChannel, string> = {
  email: "Email",
  whatsapp: "WhatsApp",
  call: "Call",
  sms: "SMS",
  note: "Note",
};
