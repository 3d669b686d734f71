/**
 * The automation service's error body, `{"error": {"code", "message", "fields"}}`, as a typed
 * error. Read without a schema library: this module is part of every page's first download.
 */

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readFields(value: unknown): Record<string, string> | null {
  if (value === undefined) return {};
  if (!isRecord(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, reason]) => typeof reason === "string") ? (Object.fromEntries(entries) as Record<string, string>) : null;
}

/** The error a response stands for, whether or not its body follows the service's format. */
export function serviceErrorFrom(status: number, body: unknown): ServiceError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string" && typeof error.message === "string") {
    const fields = readFields(error.fields);
    if (fields) return new ServiceError(status, error.code, error.message, fields);
  }
  const message = FALLBACK[status] ?? (status >= 500 ? "The service had a problem. Try again in a minute." : `The service answered ${status}.`);
  return new ServiceError(status, `http_${status}`, message);
}

export function unreachable(): ServiceError {
  return new ServiceError(0, "unreachable", "The service could not be reached. Check your connection and try again.");
}

/** A 2xx answer whose body is not what the client expects (the service and the app disagree). */
export class UnexpectedAnswerError extends Error {
  override readonly name = "UnexpectedAnswerError";

  constructor(what: string) {
    super(`The service's answer about ${what} was not understood. Reload the page; if it persists, tell the center.`);
  }
}
