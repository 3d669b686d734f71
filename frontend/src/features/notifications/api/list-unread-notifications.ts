/**
 * A user's newest unread notifications and how many are unread in all, in one request.
 * Filtered by user on purpose: row security also shows admins everyone else's notices.
 */
import { supabase } from "@/lib/supabase";
import { ALERTS_LIMIT, type UnreadAlerts } from "../notifications-model";

export async function listUnreadNotifications(userId: string, limit = ALERTS_LIMIT): Promise<UnreadAlerts> {
  const { data, error, count } = await supabase
    .from("notifications")
    .select("id, type, title, body, link, created_at", { count: "exact" })
    .eq("user_id", userId)
    .is("read_at", null)
    .order("created_at", { ascending: false })
    .order("id", { ascending: false })
    .limit(limit);
  if (error) throw error;
  return { items: data, total: count ?? data.length };
}
