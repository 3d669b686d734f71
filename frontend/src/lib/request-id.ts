/** A fresh id for a request the service deduplicates, so a retried click never acts twice. */
export function newRequestId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
