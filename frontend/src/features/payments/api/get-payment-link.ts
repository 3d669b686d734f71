/** A payment's link, and the outbox job that asks the provider for it, as the dialog follows them. */
import { supabase } from "@/lib/supabase";
import type { FollowedLink } from "../payment-link";

export async function getPaymentLink(paymentId: string): Promise<FollowedLink> {
  const [payment, job] = await Promise.all([
    supabase.from("payments").select("payment_url").eq("id", paymentId).single(),
    supabase.from("outbox").select("status, last_error").eq("idempotency_key", `create_payment_link:${paymentId}`).maybeSingle(),
  ]);
  if (payment.error) throw payment.error;
  if (job.error) throw job.error;
  return { ...payment.data, job: job.data };
}
