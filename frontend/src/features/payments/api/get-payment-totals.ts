/**
 * The period's totals over every matching payment (not just the page shown). The API refuses
 * aggregate functions, so the amounts are read in chunks and summed here.
 */
import { supabase } from "@/lib/supabase";
import { periodStart, totalsOf, type PaymentFilters, type PaymentTotals, type TotalsInput } from "../payment-list";

const CHUNK = 1000;

export async function getPaymentTotals(filters: PaymentFilters, now: Date): Promise<PaymentTotals> {
  const rows: TotalsInput[] = [];
  const start = periodStart(filters.period, now);
  for (let from = 0; ; from += CHUNK) {
    let query = supabase
      .from("payments")
      .select("status, amount_paise, received_paise, refunded_paise")
      .order("id")
      .range(from, from + CHUNK - 1);
    if (filters.status !== "all") query = query.eq("status", filters.status);
    if (filters.provider !== "all") query = query.eq("provider", filters.provider);
    if (start) query = query.gte("created_at", start);
    const { data, error } = await query;
    if (error) throw error;
    rows.push(...data);
    if (data.length < CHUNK) return totalsOf(rows);
  }
}
