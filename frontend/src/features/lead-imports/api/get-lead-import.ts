/** One lead import's row: status, counts, mapping, preview and report path. */
import { supabase } from "@/lib/supabase";
import type { LeadImport } from "../import-model";

export async function getLeadImport(id: string): Promise<LeadImport> {
  const { data, error } = await supabase.from("lead_imports").select("*").eq("id", id).single();
  if (error) throw error;
  return data;
}
