/** Removes one stored secret; the service's environment value (if any) applies again. */
import { requestAdminService } from "@/lib/admin-service";

export async function deleteProviderCredential(provider: string, name: string): Promise<void> {
  await requestAdminService(`/admin/provider-credentials/${encodeURIComponent(provider)}/${encodeURIComponent(name)}`, { method: "DELETE" });
}
