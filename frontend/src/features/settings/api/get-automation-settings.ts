/** The automation settings row (admins only, by RLS). */
import { supabase } from "@/lib/supabase";
import type { AutomationSettingsRow } from "../settings-model";

export async function getAutomationSettings(): Promise<AutomationSettingsRow> {
  const { data, error } = await supabase.from("automation_settings").select("*").eq("id", true).single();
  if (error) throw error;
  return data;
}
