/** Records one person's answer for one channel: changes the existing row, or records the first answer. */
import { supabase } from "@/lib/supabase";
import type { ConsentChange } from "../consents";

export async function saveConsent(userId: string, change: ConsentChange): Promise<void> {
  const values = { state: change.state, source: "profile" as const };
  const { error } = change.id
    ? await supabase.from("consents").update(values).eq("id", change.id)
    : await supabase.from("consents").insert({ ...values, profile_id: userId, party: change.party, channel: change.channel });
  if (error) throw error;
}
