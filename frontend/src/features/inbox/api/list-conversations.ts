/** The inbox's threads matching the filters, unread first, with the contact's name and addresses. */
import { supabase } from "@/lib/supabase";
import { sortInbox, type ConversationSummary, type InboxFilters } from "../inbox-model";

export const CONVERSATIONS_LIMIT = 100;

export async function listConversations(filters: InboxFilters): Promise<ConversationSummary[]> {
  let query = supabase
    .from("conversations")
    .select(
      "id, lead_id, unverified_sender, status, last_message_at, last_message_preview, last_channel, unread_count, lead:leads(full_name, email, phone), profile:profiles!conversations_profile_id_fkey(full_name, email, phone)",
    )
    .order("unread_count", { ascending: false })
    .order("last_message_at", { ascending: false, nullsFirst: false })
    .limit(CONVERSATIONS_LIMIT);
  if (filters.channel !== "all") query = query.eq("last_channel", filters.channel);
  if (filters.status !== "all") query = query.eq("status", filters.status);
  const { data, error } = await query;
  if (error) throw error;
  return sortInbox(data);
}
