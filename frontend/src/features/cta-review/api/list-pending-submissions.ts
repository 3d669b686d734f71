/** The CTA submissions still waiting for a decision, oldest first (first come, first answered). */
import { supabase } from "@/lib/supabase";
import type { PendingSubmission } from "../cta-review";

export const PENDING_LIMIT = 100;

export async function listPendingSubmissions(): Promise<{ rows: PendingSubmission[]; total: number }> {
  const { data, error, count } = await supabase
    .from("cta_submissions")
    .select("id, answers, page_url, submitted_at, course:courses(title), lead:leads(id, full_name, email, phone, consents(party, channel, state))", { count: "exact" })
    .eq("status", "new")
    .order("submitted_at")
    .limit(PENDING_LIMIT);
  if (error) throw error;
  return { rows: data, total: count ?? data.length };
}
