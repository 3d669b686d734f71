/** A short-lived download link for a receipt in the receipts bucket (Storage RLS: the payer and admins). */
import { supabase } from "@/lib/supabase";

const LINK_SECONDS = 60;

export async function getReceiptUrl(receiptPath: string): Promise<string> {
  const { data, error } = await supabase.storage.from("receipts").createSignedUrl(receiptPath, LINK_SECONDS, { download: true });
  if (error) throw error;
  return data.signedUrl;
}
