/** Leads whose name, email or phone contains the term, for choosing who a new payment link is for. */
import { searchFilter } from "@/lib/lead-search";
import { supabase } from "@/lib/supabase";

/** The picker shows this many matches; a longer term narrows them. */
export const PAYER_MATCH_LIMIT = 8;

const COLUMNS = "id, full_name, email, phone, status, course_id, converted_profile_id, course:courses!leads_course_id_fkey(title)";

export async function searchPayers(term: string) {
  const filter = searchFilter(term);
  if (!filter) return [];
  const { data, error } = await supabase
    .from("leads")
    .select(COLUMNS)
    .or(filter)
    .order("full_name")
    .order("id")
    .limit(PAYER_MATCH_LIMIT);
  if (error) throw error;
  return data;
}

export type PayerMatch = Awaited<ReturnType<typeof searchPayers>>[number];
