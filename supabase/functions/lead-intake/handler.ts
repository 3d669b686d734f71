// lead-intake's handler: a landing-page form in, the automation service's answer out.

import { relayToService } from "../_shared/automation.ts";
import { readJson } from "../_shared/body.ts";
import type { Handler } from "../_shared/cors.ts";
import { errorResponse, json } from "../_shared/responses.ts";
import { isBot, parseLeadForm } from "./lead-form.ts";

export const MAX_BODY_BYTES = 16 * 1024;

export interface LeadIntakeConfig {
  automationUrl: string;
}

/**
 * POST a JSON form; valid leads go to `POST {automationUrl}/public/leads` and the service's answer
 * (202 `{received: true}` for every accepted form, 422 with fields, ...) comes back unchanged. Invalid
 * forms get 422 here; a filled-in honeypot gets the service's answer to an accepted form.
 */
export function leadIntake(config: LeadIntakeConfig): Handler {
  return async (request) => {
    if (request.method !== "POST") {
      return errorResponse(405, "method_not_allowed", "Send the form with POST.");
    }
    const body = await readJson(request, MAX_BODY_BYTES);
    if (!body.ok) return body.response;
    if (isBot(body.value)) {
      console.warn("lead-intake: the honeypot field was filled in; the form was not forwarded");
      return json({ received: true }, 202);
    }
    const form = parseLeadForm(body.value);
    if (!form.ok) {
      const message = "Some fields are invalid; see fields.";
      return errorResponse(422, "invalid_input", message, form.fields);
    }
    const url = `${config.automationUrl}/public/leads`;
    return relayToService(url, JSON.stringify(form.lead), forwardedHeaders(request));
  };
}

/** The visitor's address chain (the service rate-limits by it) and the request id, when present. */
function forwardedHeaders(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ["x-forwarded-for", "x-request-id"]) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  return headers;
}
