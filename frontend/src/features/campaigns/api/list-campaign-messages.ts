/** A campaign's messages with their lead, delivery status and (for calls) the call's outcome. */
import { supabase } from "@/lib/supabase";

const MESSAGE_COLUMNS =
  "id, status, error, created_at, conversation:conversations(lead:leads(id, full_name, email, phone)), call:call_logs(status, duration_seconds, disposition, summary)";

export const MESSAGES_SHOWN = 100;

function selectMessages(id: string) {
  return supabase
    .from("crm_messages")
    .select(MESSAGE_COLUMNS, { count: "exact" })
    .eq("campaign_id", id)
    .order("created_at")
    .order("id")
    .limit(MESSAGES_SHOWN);
}

export type CampaignMessage = NonNullable<Awaited<ReturnType<typeof selectMessages>>["data"]>[number];

export async function listCampaignMessages(id: string): Promise<{ rows: CampaignMessage[]; total: number }> {
  const { data, error, count } = await selectMessages(id);
  if (error) throw error;
  return { rows: data, total: count ?? data.length };
}
