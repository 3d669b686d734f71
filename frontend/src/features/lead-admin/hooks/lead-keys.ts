/** Query keys of the admin's leads pages; a change to a lead invalidates everything under ["leads"]. */
import type { LeadQuery } from "../lead-query";

export const leadKeys = {
  all: ["leads"] as const,
  list: (query: LeadQuery, timeZone: string) => [...leadKeys.all, "list", query, timeZone] as const,
  detail: (id: string) => [...leadKeys.all, "detail", id] as const,
  timeline: (id: string) => [...leadKeys.all, "timeline", id] as const,
  conversation: (id: string) => [...leadKeys.all, "conversation", id] as const,
  courses: ["courses", "options"] as const,
};
