/** Service requests on behalf of the signed-in user: their current access token goes along. */
import { requestService } from "./service";
import { ServiceError } from "./service-error";
import { supabase } from "./supabase";

/** POSTs `body` as JSON with the session's token; raises ServiceError (401 when signed out). */
export async function postAsUser(path: string, body: unknown): Promise<unknown> {
  const { data, error } = await supabase.auth.getSession();
  if (error) throw error;
  const token = data.session?.access_token;
  if (!token) throw new ServiceError(401, "signed_out", "Your session has ended. Sign in again, then retry.");
  return requestService(path, { method: "POST", body, token });
}
