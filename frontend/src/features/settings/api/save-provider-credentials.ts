/** Sends new secrets for one provider to the service, which seals them (contract C3). */
import { requestAdminService } from "@/lib/admin-service";

export async function saveProviderCredentials(provider: string, values: Record<string, string>): Promise<void> {
  await requestAdminService(`/admin/provider-credentials/${encodeURIComponent(provider)}`, { method: "PUT", body: values });
}
