/** The center's single settings row (public profile and time zone). */
import { supabase } from "@/lib/supabase";
import type { CenterSettingsRow } from "../settings-model";

export async function getCenterSettings(): Promise<CenterSettingsRow> {
  const { data, error } = await supabase.from("center_settings").select("*").eq("id", true).single();
  if (error) throw error;
  return data;
}
