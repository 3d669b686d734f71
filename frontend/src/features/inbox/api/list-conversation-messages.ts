/** A thread's timeline, oldest first, with each channel's provider detail (call, WhatsApp, email). */
import { supabase } from "@/lib/supabase";
import { singleEmbed, type TimelineMessage } from "../inbox-model";

export const TIMELINE_LIMIT = 200;

export async function listConversationMessages(conversationId: string): Promise<TimelineMessage[]> {
  const { data, error } = await supabase
    .from("crm_messages")
    .select(
      "*, call:call_logs(status, started_at, ended_at, duration_seconds, recording_url, transcript, summary, disposition), whatsapp:whatsapp_logs(failure_code, failure_reason), email:email_logs(bounce_type, bounce_reason), author:profiles!crm_messages_author_id_fkey(full_name)",
    )
    .eq("conversation_id", conversationId)
    .order("created_at", { ascending: false })
    .limit(TIMELINE_LIMIT);
  if (error) throw error;
  return data
    .map((row) => ({ ...row, call: singleEmbed(row.call), whatsapp: singleEmbed(row.whatsapp), email: singleEmbed(row.email) }))
    .reverse();
}
