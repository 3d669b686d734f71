// Reading a JSON request body without trusting its size.

import { errorResponse } from "./responses.ts";

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; response: Response };

/** The parsed body, or the 400/413 answer for a body that is not JSON or is larger than `maxBytes`. */
export async function readJson(request: Request, maxBytes: number): Promise<JsonBody> {
  const bytes = await readAtMost(request, maxBytes);
  if (bytes === null) {
    const message = `The body is larger than ${maxBytes} bytes.`;
    return { ok: false, response: errorResponse(413, "payload_too_large", message) };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    const message = "The body must be a JSON object.";
    return { ok: false, response: errorResponse(400, "invalid_json", message) };
  }
}

/** The whole body, or null as soon as it grows past `maxBytes` (the rest is never read). */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) return null; // leaving the loop cancels the rest of the stream
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
  return bytes;
}
