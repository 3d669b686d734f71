/** One page of payments matching the filters, newest first, with payer and batch names. */
import { supabase } from "@/lib/supabase";
import { periodStart, type PaymentFilters, type PaymentRow } from "../payment-list";

export const PAYMENTS_PAGE_SIZE = 25;

const COLUMNS =
  "id, status, provider, amount_paise, received_paise, refunded_paise, currency, created_at, paid_at, failure_reason, receipt_number, receipt_path, lead:leads!payments_lead_id_fkey(full_name), profile:profiles!payments_profile_id_fkey(full_name, email), batch:batches!payments_batch_id_fkey(name)";

export async function listPayments(filters: PaymentFilters, page: number, now: Date): Promise<{ rows: PaymentRow[]; total: number }> {
  const from = page * PAYMENTS_PAGE_SIZE;
  let query = supabase
    .from("payments")
    .select(COLUMNS, { count: "exact" })
    .order("created_at", { ascending: false })
    .order("id")
    .range(from, from + PAYMENTS_PAGE_SIZE - 1);
  if (filters.status !== "all") query = query.eq("status", filters.status);
  if (filters.provider !== "all") query = query.eq("provider", filters.provider);
  const start = periodStart(filters.period, now);
  if (start) query = query.gte("created_at", start);
  const { data, error, count } = await query;
  if (error) throw error;
  return { rows: data, total: count ?? data.length };
}
