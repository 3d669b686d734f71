// Tokens shaped like the platform's JWTs, for handlers that read claims the platform has verified.

const base64url = (text: string) =>
  btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** A JWT-shaped bearer token carrying `claims`; its signature is not a real one. */
export function tokenWith(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  return `${header}.${base64url(JSON.stringify(claims))}.not-a-real-signature`;
}
