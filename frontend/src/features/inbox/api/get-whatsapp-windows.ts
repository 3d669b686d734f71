/** When the contact and their parent last wrote on WhatsApp, as each one's 24-hour window. */
import { supabase } from "@/lib/supabase";
import { whatsappWindow, type ContactParty, type WhatsAppWindow } from "../inbox-model";

async function lastInboundAt(conversationId: string, party: ContactParty): Promise<string | null> {
  const { data, error } = await supabase
    .from("crm_messages")
    .select("created_at")
    .eq("conversation_id", conversationId)
    .eq("party", party)
    .eq("direction", "inbound")
    .eq("channel", "whatsapp")
    .order("created_at", { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw error;
  return data?.created_at ?? null;
}

export async function getWhatsAppWindows(conversationId: string, now: Date): Promise<WhatsAppWindow[]> {
  const [self, parent] = await Promise.all([lastInboundAt(conversationId, "self"), lastInboundAt(conversationId, "parent")]);
  return [whatsappWindow("self", self, now), whatsappWindow("parent", parent, now)];
}
