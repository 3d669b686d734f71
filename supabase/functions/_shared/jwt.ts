// The claims of a request's bearer token.

/**
 * The JWT's claims, decoded but NOT verified. Only for functions with `verify_jwt = true`, where
 * the platform has already checked the signature and expiry before the request arrives.
 */
export function platformVerifiedClaims(request: Request): Record<string, unknown> | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  const payload = match?.[1].split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === "object" && claims !== null ? claims : null;
  } catch {
    return null;
  }
}
