/** One campaign; null when it does not exist (or the viewer may not see it). */
import { supabase } from "@/lib/supabase";
import { CAMPAIGN_COLUMNS, type CampaignRow } from "./list-campaigns";

export async function getCampaign(id: string): Promise<CampaignRow | null> {
  const { data, error } = await supabase.from("campaigns").select(CAMPAIGN_COLUMNS).eq("id", id).maybeSingle();
  if (error) throw error;
  return data;
}
