/** A lead's payments, for its timeline: amount, status, batch and when each changed. */
import { supabase } from "@/lib/supabase";

export async function listLeadPayments(leadId: string) {
  const { data, error } = await supabase
    .from("payments")
    .select("id, status, amount_paise, received_paise, refunded_paise, currency, payment_url, renews, link_closed_at, created_at, paid_at, failure_reason, batch:batches!payments_batch_id_fkey(name)")
    .eq("lead_id", leadId)
    .order("created_at");
  if (error) throw error;
  return data;
}

export type LeadPayment = Awaited<ReturnType<typeof listLeadPayments>>[number];
