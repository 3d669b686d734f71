// automation-tick's handler: a scheduled call (pg_cron through pg_net) relayed to the service's tick.

import { relayToService } from "../_shared/automation.ts";
import type { Handler } from "../_shared/cors.ts";
import { platformVerifiedClaims } from "../_shared/jwt.ts";
import { errorResponse } from "../_shared/responses.ts";

const TICK_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface AutomationTickConfig {
  automationUrl: string;
  internalSecret: string;
}

/**
 * `POST /automation-tick/<tick>` with the service role key as bearer (deployed with verify_jwt =
 * true) → `POST {automationUrl}/internal/ticks/<tick>` with `X-Internal-Secret`; the body and the
 * service's answer pass through unchanged.
 */
export function automationTick(config: AutomationTickConfig): Handler {
  return async (request) => {
    const role = platformVerifiedClaims(request)?.role;
    if (role === undefined) {
      return errorResponse(401, "unauthorized", "A service role token is required.");
    }
    if (role !== "service_role") {
      return errorResponse(403, "forbidden", "Only the service role may run ticks.");
    }
    if (request.method !== "POST") {
      return errorResponse(405, "method_not_allowed", "Run a tick with POST.");
    }
    const tick = tickName(new URL(request.url).pathname);
    if (tick === null) {
      return errorResponse(
        404,
        "unknown_tick",
        "Call /automation-tick/<tick>, e.g. /automation-tick/outbox.",
      );
    }
    const url = `${config.automationUrl}/internal/ticks/${tick}`;
    const body = (await request.text()) || "{}";
    return relayToService(url, body, { "x-internal-secret": config.internalSecret });
  };
}

/** The one path segment after the function's name, if it is a tick name. */
function tickName(pathname: string): string | null {
  const [, , tick, ...rest] = pathname.split("/");
  return rest.length === 0 && tick !== undefined && TICK_NAME.test(tick) ? tick : null;
}
