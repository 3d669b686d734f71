/** The active follow-up sequences an admin can start for leads. */
import { supabase } from "@/lib/supabase";

export interface SequenceOption {
  key: string;
  name: string;
}

export async function listSequences(): Promise<SequenceOption[]> {
  const { data, error } = await supabase.from("sequences").select("key, name").eq("active", true).order("name");
  if (error) throw error;
  return data;
}
