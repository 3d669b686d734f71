// Calls from edge functions to the automation service, whose answer is passed on as it is.

import { errorResponse } from "./responses.ts";

const TIMEOUT_MS = 10_000;

/** POST to the service and answer with its status, content type and body; 502/504 when it fails. */
export async function relayToService(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    console.error(`automation service call to ${url} failed:`, error);
    return unreachable(error);
  }
  const passed = new Headers();
  const type = answer.headers.get("content-type");
  if (type) passed.set("content-type", type);
  return new Response(answer.body, { status: answer.status, headers: passed });
}

function unreachable(error: unknown): Response {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    const message = "The automation service did not answer in time; try again shortly.";
    return errorResponse(504, "service_timeout", message);
  }
  const message = "The automation service could not be reached; try again shortly.";
  return errorResponse(502, "service_unavailable", message);
}
