/** One lead with its course and consents (null when it does not exist or the admin cannot see it). */
import { supabase } from "@/lib/supabase";
import type { LeadDetail } from "../lead-detail";

const COLUMNS =
  "id, full_name, email, phone, parent_name, parent_email, parent_phone, city, source, status, lost_reason, tags, utm_source, utm_medium, utm_campaign, utm_term, utm_content, created_at, course:courses!leads_course_id_fkey(id, title), consents(party, channel, state, recorded_at)";

export async function getLead(leadId: string): Promise<LeadDetail | null> {
  const { data, error } = await supabase.from("leads").select(COLUMNS).eq("id", leadId).maybeSingle();
  if (error) throw error;
  return data;
}
