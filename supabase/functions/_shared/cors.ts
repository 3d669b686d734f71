// CORS for functions that browsers call. Supabase leaves CORS, preflight included, to each function.

export const corsHeaders: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
};

export type Handler = (request: Request) => Response | Promise<Response>;

/** Answers preflight requests itself and adds the CORS headers to every answer of `handler`. */
export function withCors(handler: Handler): Handler {
  return async (request) => {
    if (request.method === "OPTIONS") {
      return new Response("ok", { headers: corsHeaders });
    }
    const response = await handler(request);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(corsHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}
