// JSON answers in the automation service's error shape, so callers handle one format.

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/** `{"error": {"code", "message", "fields"?}}`, as the automation service answers errors. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);
}
