/** Makes a lead of the unverified sender of a thread without a contact; the lead takes the thread over. */
import { supabase } from "@/lib/supabase";

export async function makeLeadOfUnverifiedSender(conversationId: string, fullName: string): Promise<string> {
  const { data, error } = await supabase.rpc("make_lead_of_unverified_sender", {
    p_conversation: conversationId,
    p_full_name: fullName.trim(),
  });
  if (error) throw error;
  return data;
}
