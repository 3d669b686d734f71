/** How many things wait for the admin, in one round trip (get_action_counts; admins only). */
import { supabase } from "@/lib/supabase";
import { parseActionCounts, type ActionCounts } from "../dashboard-model";

export type { ActionCounts };

export async function getActionCounts(): Promise<ActionCounts> {
  const { data, error } = await supabase.rpc("get_action_counts");
  if (error) throw error;
  return parseActionCounts(data);
}
