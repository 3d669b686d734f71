/** Which provider secrets are stored, with their last characters (never the secrets). */
import { supabase } from "@/lib/supabase";
import type { StoredCredential } from "../settings-model";

export async function listProviderCredentials(): Promise<StoredCredential[]> {
  const { data, error } = await supabase.rpc("list_provider_credentials");
  if (error) throw error;
  return data;
}
