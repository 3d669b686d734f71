/** Leads created between two days (center zone, both included) by source and the furthest stage each reached. */
import { supabase } from "@/lib/supabase";
import type { FunnelRow } from "../dashboard-model";

export async function getFunnel(fromDay: string, toDay: string): Promise<FunnelRow[]> {
  const { data, error } = await supabase.rpc("get_funnel", { from_day: fromDay, to_day: toDay });
  if (error) throw error;
  return data;
}
