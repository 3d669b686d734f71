/** An internal note on a thread: an outbound 'note' row with status 'sent', as the table requires. */
import { supabase } from "@/lib/supabase";

export async function addNote(conversationId: string, authorId: string, body: string): Promise<void> {
  const { error } = await supabase.from("crm_messages").insert({
    conversation_id: conversationId,
    channel: "note",
    direction: "outbound",
    status: "sent",
    body,
    author_id: authorId,
  });
  if (error) throw error;
}
