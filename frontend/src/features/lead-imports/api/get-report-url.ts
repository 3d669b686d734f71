/** A short-lived download link for an import's error report (line, column, reason). */
import { supabase } from "@/lib/supabase";

export async function getReportUrl(path: string): Promise<string> {
  const { data, error } = await supabase.storage.from("imports").createSignedUrl(path, 300, { download: true });
  if (error) throw new Error(`The error report could not be opened (${error.message}). Try again.`);
  return data.signedUrl;
}
