/** The automation service's error body, `{"error": {"code", "message", "fields"}}`, as a typed error. */
import { z } from "zod";

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export class ServiceError extends Error {
  override readonly name = "ServiceError";

  constructor(
    /** HTTP status; 0 when the service could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field reasons, keyed by the request's field path ("email", "consents.whatsapp"). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const FALLBACK: Record<number, string> = {
  400: "The request was not accepted. Check the form and try again.",
  404: "Not found.",
  409: "This conflicts with something that already exists.",
  413: "That is too large to send.",
  429: "Too many requests. Wait a minute, then try again.",
};

/** The error a response stands for, whether or not its body follows the service's format. */
export function serviceErrorFrom(status: number, body: unknown): ServiceError {
  const parsed = errorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ServiceError(status, code, message, fields);
  }
  const message = FALLBACK[status] ?? (status >= 500 ? "The service had a problem. Try again in a minute." : `The service answered ${status}.`);
  return new ServiceError(status, `http_${status}`, message);
}

export function unreachable(): ServiceError {
  return new ServiceError(0, "unreachable", "The service could not be reached. Check your connection and try again.");
}
