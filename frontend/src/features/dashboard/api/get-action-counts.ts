/** How many things wait for the admin: each a head-only count under RLS, read in parallel. */
import { supabase } from "@/lib/supabase";

export interface ActionCounts {
  newLeads: number;
  pendingReviews: number;
  unreadConversations: number;
  paymentsPending: number;
  deadMessages: number;
}

function counted({ count, error }: { count: number | null; error: Error | null }): number {
  if (error) throw error;
  return count ?? 0;
}

export async function getActionCounts(): Promise<ActionCounts> {
  const head = { count: "exact", head: true } as const;
  const [newLeads, pendingReviews, unreadConversations, paymentsPending, deadMessages] = await Promise.all([
    supabase.from("leads").select("id", head).eq("status", "new"),
    supabase.from("cta_submissions").select("id", head).eq("status", "new"),
    supabase.from("conversations").select("id", head).gt("unread_count", 0),
    supabase.from("payments").select("id", head).in("status", ["created", "pending"]),
    supabase.from("outbox").select("id", head).eq("status", "dead"),
  ]);
  return {
    newLeads: counted(newLeads),
    pendingReviews: counted(pendingReviews),
    unreadConversations: counted(unreadConversations),
    paymentsPending: counted(paymentsPending),
    deadMessages: counted(deadMessages),
  };
}
