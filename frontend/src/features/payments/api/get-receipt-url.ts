/** A short-lived download link for a payment's receipt (bucket receipts; Storage RLS decides who may). */
import { supabase } from "@/lib/supabase";

const LINK_SECONDS = 60;

export async function getReceiptUrl(receiptPath: string, receiptNumber: string | null): Promise<string> {
  const download = `${receiptNumber ?? "receipt"}.pdf`;
  const { data, error } = await supabase.storage.from("receipts").createSignedUrl(receiptPath, LINK_SECONDS, { download });
  if (error) throw error;
  return data.signedUrl;
}
