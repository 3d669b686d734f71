/** Clears a thread's unread count and stamps when an admin read it. */
import { supabase } from "@/lib/supabase";

export async function markConversationRead(conversationId: string): Promise<void> {
  const { error } = await supabase
    .from("conversations")
    .update({ unread_count: 0, last_read_at: new Date().toISOString() })
    .eq("id", conversationId);
  if (error) throw error;
}
