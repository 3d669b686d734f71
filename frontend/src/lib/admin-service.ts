/** Requests to the service's admin endpoints, sent with the signed-in user's access token. */
import { requestService } from "./service";
import { ServiceError } from "./service-error";
import { supabase } from "./supabase";

type AdminRequest = Parameters<typeof requestService>[1];

/** As requestService; raises ServiceError 401 without a session, so the page says to sign in again. */
export async function requestAdminService(path: string, options: AdminRequest = {}): Promise<unknown> {
  const { data, error } = await supabase.auth.getSession();
  if (error) throw error;
  const token = data.session?.access_token;
  if (!token) throw new ServiceError(401, "signed_out", "Your session ended. Sign in again, then retry.");
  return requestService(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${token}` } });
}
