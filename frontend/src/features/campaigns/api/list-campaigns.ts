/** The latest campaigns, newest first. */
import { supabase } from "@/lib/supabase";

export const CAMPAIGN_COLUMNS = "id, name, channel, template, recipients, excluded, excluded_reasons, created_at";

function selectCampaigns() {
  return supabase.from("campaigns").select(CAMPAIGN_COLUMNS).order("created_at", { ascending: false }).limit(50);
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof selectCampaigns>>["data"]>[number];

export async function listCampaigns(): Promise<CampaignRow[]> {
  const { data, error } = await selectCampaigns();
  if (error) throw error;
  return data;
}
