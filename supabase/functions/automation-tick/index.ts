// automation-tick: pg_cron's scheduled calls (through pg_net, with the service role key) relayed to the
// automation service's /internal/ticks/<tick> (verify_jwt = true).

import { requireEnv } from "../_shared/env.ts";
import { automationTick } from "./handler.ts";

Deno.serve(automationTick({
  automationUrl: requireEnv("AUTOMATION_URL"),
  internalSecret: requireEnv("AUTOMATION_INTERNAL_SECRET"),
}));
