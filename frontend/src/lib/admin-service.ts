/** Requests to the service's admin API (/admin/*), signed with the signed-in user's access token. */
import { requestService, type RequestOptions } from "./service";
import { ServiceError } from "./service-error";
import { supabase } from "./supabase";

/** As requestService; raises ServiceError 401 when nobody is signed in. */
export async function requestAsAdmin(path: string, options: Omit<RequestOptions, "headers"> = {}): Promise<unknown> {
  const { data, error } = await supabase.auth.getSession();
  if (error) throw error;
  const token = data.session?.access_token;
  if (!token) throw new ServiceError(401, "signed_out", "You are signed out. Sign in again, then retry.");
  return requestService(path, { ...options, headers: { Authorization: `Bearer ${token}` } });
}
