/** Saves cadences, the sending window, opt-out words and the switches; returns the row as stored. */
import { supabase } from "@/lib/supabase";
import { automationUpdate, type AutomationFormValues, type AutomationSettingsRow } from "../settings-model";

export async function updateAutomationSettings(values: AutomationFormValues): Promise<AutomationSettingsRow> {
  const { data, error } = await supabase.from("automation_settings").update(automationUpdate(values)).eq("id", true).select("*").single();
  if (error) throw error;
  return data;
}
