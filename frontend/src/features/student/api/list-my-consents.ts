/** The household's channel consents (the student's and their parent's) as recorded now. */
import { supabase } from "@/lib/supabase";
import type { ConsentRow } from "../consents";

export async function listMyConsents(userId: string): Promise<ConsentRow[]> {
  const { data, error } = await supabase
    .from("consents")
    .select("id, party, channel, state, source, recorded_at")
    .eq("profile_id", userId);
  if (error) throw error;
  return data;
}
