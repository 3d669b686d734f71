/** One thread's header: contact, status and unread count. */
import { supabase } from "@/lib/supabase";
import type { ConversationSummary } from "../inbox-model";

export async function getConversation(conversationId: string): Promise<ConversationSummary> {
  const { data, error } = await supabase
    .from("conversations")
    .select(
      "id, lead_id, unverified_sender, status, last_message_at, last_message_preview, last_channel, unread_count, lead:leads(full_name, email, phone), profile:profiles!conversations_profile_id_fkey(full_name, email, phone)",
    )
    .eq("id", conversationId)
    .single();
  if (error) throw error;
  return data;
}
