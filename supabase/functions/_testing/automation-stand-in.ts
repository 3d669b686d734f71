// A local stand-in for the automation service endpoints that edge functions call, for Deno tests.
// It keeps to the service's contract:
//   POST /public/leads       202 {received: true} for every accepted form, new lead or not (the answer
//                            names no lead); 422 {"error": {code, message, fields}} for what the
//                            service's own validation refuses (here: phone numbers that are not Indian
//                            or E.164).
//   POST /internal/ticks/<t> 401 {"error": ...} without the right X-Internal-Secret; 200 {tick} else.
// It records every request so tests can check what was sent.

export interface Received {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

export interface AutomationStandIn {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

type Answer = [number, unknown];

const error = (code: string, message: string, fields?: Record<string, string>) => ({
  error: { code, message, ...(fields ? { fields } : {}), request_id: crypto.randomUUID() },
});

/** Serve on a free loopback port; `secret` is the X-Internal-Secret that ticks must carry. */
export function startAutomationStandIn(secret: string): AutomationStandIn {
  const received: Received[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = new URL(request.url).pathname;
    const body = await request.text();
    received.push({ method: request.method, path, headers: request.headers, body });
    const [status, answer] = route(request, path, body, secret);
    return Response.json(answer, { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    received,
    close: () => server.shutdown(),
  };
}

function route(request: Request, path: string, body: string, secret: string): Answer {
  if (request.method === "POST" && path === "/public/leads") {
    return createLead(JSON.parse(body));
  }
  const tick = /^\/internal\/ticks\/([a-z0-9-]+)$/.exec(path)?.[1];
  if (request.method === "POST" && tick) {
    return request.headers.get("x-internal-secret") === secret
      ? [200, { tick }]
      : [401, error("unauthorized", "A valid X-Internal-Secret is required.")];
  }
  return [404, error("not_found", `No ${request.method} ${path} here.`)];
}

function createLead(lead: { phone?: string }): Answer {
  const digits = lead.phone?.replace(/[^0-9]/g, "") ?? "";
  const plausible = lead.phone?.trim().startsWith("+") ? digits.length >= 8 : digits.length === 10;
  if (lead.phone && !plausible) {
    const fields = { phone: "Not a valid phone number for India (+91)." };
    return [422, error("invalid_input", "Some fields are invalid; see fields.", fields)];
  }
  return [202, { received: true }];
}
