/** A payment's link and status, as the dialog follows it until the provider has made the link. */
import { supabase } from "@/lib/supabase";

export async function getPaymentLink(paymentId: string) {
  const { data, error } = await supabase.from("payments").select("id, status, payment_url, amount_paise, currency").eq("id", paymentId).single();
  if (error) throw error;
  return data;
}
