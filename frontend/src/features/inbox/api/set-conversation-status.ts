/** Closes or reopens a thread (an inbound message reopens it by itself). */
import { supabase } from "@/lib/supabase";
import type { ConversationStatus } from "../inbox-model";

export async function setConversationStatus(conversationId: string, status: ConversationStatus): Promise<void> {
  const { error } = await supabase.from("conversations").update({ status }).eq("id", conversationId);
  if (error) throw error;
}
