/** How many of a campaign's messages are in each delivery status (one round trip). */
import { supabase } from "@/lib/supabase";
import type { MessageStatus } from "../campaign-model";

export async function getCampaignCounts(id: string): Promise<{ status: MessageStatus; messages: number }[]> {
  const { data, error } = await supabase.rpc("campaign_status_counts", { campaign: id });
  if (error) throw error;
  return data;
}
