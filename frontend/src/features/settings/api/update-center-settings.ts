/** Saves the center's profile under the admin's RLS; returns the row as stored. */
import { supabase } from "@/lib/supabase";
import { centerUpdate, type CenterFormValues, type CenterSettingsRow } from "../settings-model";

export async function updateCenterSettings(values: CenterFormValues): Promise<CenterSettingsRow> {
  const { data, error } = await supabase.from("center_settings").update(centerUpdate(values)).eq("id", true).select("*").single();
  if (error) throw error;
  return data;
}
