/** JSON requests to the automation service (VITE_AUTOMATION_URL); failures raise ServiceError. */
import { env } from "@/config/env";
import { serviceErrorFrom, unreachable } from "./service-error";

interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  signal?: AbortSignal;
  /** The signed-in user's access token, for endpoints that act on their behalf (sent as a bearer token). */
  token?: string;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends a request and returns the parsed JSON of a 2xx answer. Raises ServiceError with the
 * service's code, message and field reasons otherwise, or status 0 when it cannot be reached.
 */
export async function requestService(path: string, { method = "GET", body, signal, token }: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`${env.automationUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw unreachable();
  }
  const payload = await readJson(response);
  if (!response.ok) throw serviceErrorFrom(response.status, payload);
  return payload;
}
