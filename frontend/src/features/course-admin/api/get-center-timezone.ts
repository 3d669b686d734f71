/** The center's time zone: batch schedules are entered and stored in it. */
import { supabase } from "@/lib/supabase";

export async function getCenterTimeZone(): Promise<string> {
  const { data, error } = await supabase.from("center_settings").select("timezone").eq("id", true).single();
  if (error) throw error;
  return data.timezone;
}
