/** The newest events across the center (leads, forms, payments, enrolments, messages, …). */
import { supabase } from "@/lib/supabase";
import type { ActivityItem } from "../dashboard-model";

export async function getRecentActivity(maxItems: number): Promise<ActivityItem[]> {
  const { data, error } = await supabase.rpc("get_recent_activity", { max_items: maxItems });
  if (error) throw error;
  return data;
}
