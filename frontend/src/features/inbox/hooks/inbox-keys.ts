/** Query keys of the inbox: every list under "conversations", each thread's timeline and window under its id. */
import type { InboxFilters } from "../inbox-model";

export const inboxKeys = {
  all: ["inbox"] as const,
  conversations: () => ["inbox", "conversations"] as const,
  conversationList: (filters: InboxFilters) => ["inbox", "conversations", filters] as const,
  thread: (conversationId: string) => ["inbox", "thread", conversationId] as const,
  timeline: (conversationId: string) => ["inbox", "thread", conversationId, "timeline"] as const,
  windows: (conversationId: string) => ["inbox", "thread", conversationId, "whatsapp-windows"] as const,
};
