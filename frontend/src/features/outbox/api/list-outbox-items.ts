/** The outbox rows in one status, due first (pending, paused) or most recently given up (dead). */
import { supabase } from "@/lib/supabase";
import type { OutboxItem, OutboxStatus } from "../outbox-item";

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxPage {
  items: OutboxItem[];
  total: number;
}

export async function listOutboxItems(status: OutboxStatus, page: number): Promise<OutboxPage> {
  const from = page * OUTBOX_PAGE_SIZE;
  const byUpdated = status === "dead";
  const { data, error, count } = await supabase
    .from("outbox")
    .select("*", { count: "exact" })
    .eq("status", status)
    .order(byUpdated ? "updated_at" : "next_attempt_at", { ascending: !byUpdated })
    .order("id")
    .range(from, from + OUTBOX_PAGE_SIZE - 1);
  if (error) throw error;
  return { items: data, total: count ?? data.length };
}
