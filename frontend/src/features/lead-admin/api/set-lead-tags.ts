/** Replaces a lead's tags (admins may update leads under RLS). */
import { supabase } from "@/lib/supabase";

export async function setLeadTags(leadId: string, tags: string[]): Promise<void> {
  const { error } = await supabase.from("leads").update({ tags }).eq("id", leadId);
  if (error) throw error;
}
