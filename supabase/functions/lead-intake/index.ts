// lead-intake: the landing page's lead form, forwarded to the automation service (verify_jwt = false).

import { withCors } from "../_shared/cors.ts";
import { requireEnv } from "../_shared/env.ts";
import { leadIntake } from "./handler.ts";

Deno.serve(withCors(leadIntake({ automationUrl: requireEnv("AUTOMATION_URL") })));
