/** The admin KPIs of the last 7 days against the 7 before (get_admin_stats). */
import { supabase } from "@/lib/supabase";
import { parseAdminStats, type AdminStats } from "../dashboard-model";

export async function getAdminStats(): Promise<AdminStats> {
  const { data, error } = await supabase.rpc("get_admin_stats");
  if (error) throw error;
  return parseAdminStats(data);
}
