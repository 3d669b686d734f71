/** Query keys of the campaigns pages and the bulk actions' previews. */
import type { Audience, Purpose } from "@/lib/audience";

export const campaignKeys = {
  all: ["campaigns"] as const,
  list: () => [...campaignKeys.all, "list"] as const,
  detail: (id: string) => [...campaignKeys.all, "detail", id] as const,
  counts: (id: string) => [...campaignKeys.all, "counts", id] as const,
  messages: (id: string) => [...campaignKeys.all, "messages", id] as const,
  preview: (audience: Audience, purpose: Purpose) => ["audience-preview", audience, purpose] as const,
  sequences: ["sequences", "active"] as const,
  courses: ["courses", "options"] as const,
};
