/** The id of the lead's conversation, started if it has none yet (one per lead, as the service keeps it). */
import { supabase } from "@/lib/supabase";

async function findConversation(leadId: string): Promise<string | null> {
  const { data, error } = await supabase.from("conversations").select("id").eq("lead_id", leadId).maybeSingle();
  if (error) throw error;
  return data?.id ?? null;
}

export async function getLeadConversation(leadId: string): Promise<string> {
  const found = await findConversation(leadId);
  if (found) return found;
  // Another admin or the service may start it at the same moment: the unique lead_id keeps one.
  const { error } = await supabase.from("conversations").upsert({ lead_id: leadId }, { onConflict: "lead_id", ignoreDuplicates: true });
  if (error) throw error;
  const started = await findConversation(leadId);
  if (!started) throw new Error("The lead's conversation could not be started. Reload the page.");
  return started;
}
