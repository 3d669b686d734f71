/** One page of leads matching a query, with the total count of matches (for pagination). */
import { searchFilter } from "@/lib/lead-search";
import { supabase } from "@/lib/supabase";
import { dayStart, PAGE_SIZE, type LeadQuery } from "../lead-query";

export const LEAD_LIST_COLUMNS = "id, full_name, email, phone, status, source, tags, created_at, last_contacted_at, course:courses!leads_course_id_fkey(title)";

export interface LeadListPage {
  rows: LeadListRow[];
  total: number;
}

export type LeadListRow = Awaited<ReturnType<typeof selectPage>>["data"] extends (infer R)[] | null ? R : never;

function selectPage(query: LeadQuery, timeZone: string) {
  let request = supabase.from("leads").select(LEAD_LIST_COLUMNS, { count: "exact" });
  const search = searchFilter(query.search);
  if (search) request = request.or(search);
  if (query.status) request = request.eq("status", query.status);
  if (query.source) request = request.eq("source", query.source);
  if (query.tag) request = request.contains("tags", [query.tag]);
  if (query.courseId) request = request.eq("course_id", query.courseId);
  if (query.from) request = request.gte("created_at", dayStart(query.from, timeZone));
  if (query.to) request = request.lt("created_at", dayStart(query.to, timeZone, true));
  const first = (query.page - 1) * PAGE_SIZE;
  return request
    .order(query.sort, { ascending: query.ascending, nullsFirst: false })
    .order("id")
    .range(first, first + PAGE_SIZE - 1);
}

export async function listLeads(query: LeadQuery, timeZone: string): Promise<LeadListPage> {
  const { data, error, count } = await selectPage(query, timeZone);
  if (error) throw error;
  return { rows: data, total: count ?? 0 };
}
