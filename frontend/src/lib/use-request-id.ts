/**
 * The request id to send a request with (decision 0698). The service answers a repeated id with what the
 * first request did, and refuses it (409 request_id_reused) when it asks for something different.
 */
import { useCallback, useState } from "react";
import { newRequestId } from "./request-id";
import { ServiceError } from "./service-error";

/** What to tell the admin when the service refused the id: nothing happened, and sending again works. */
export const REUSED_ID_ADVICE = "Nothing was sent: the service took this for a repeat of an earlier, different request. Send it again and it goes as a new one.";

/**
 * The id for sending `request` (what it asks, as plain data). It stays while `request` stays the same, so
 * resending after a lost answer acts once, and is new as soon as the request changes (an edited message,
 * another template or channel). Call `renew` once the request was sent, or after `isRequestIdReused`.
 */
export function useRequestId(request: unknown): { requestId: string; renew: () => void } {
  const key = JSON.stringify(request);
  const [current, setCurrent] = useState(() => ({ key, id: newRequestId() }));
  const renew = useCallback(() => {
    setCurrent((kept) => ({ key: kept.key, id: newRequestId() }));
  }, []);
  if (current.key !== key) {
    const next = { key, id: newRequestId() };
    setCurrent(next);
    return { requestId: next.id, renew };
  }
  return { requestId: current.id, renew };
}

/** The service refused the request because its id already named a different one; nothing was done. */
export function isRequestIdReused(error: unknown): boolean {
  return error instanceof ServiceError && error.code === "request_id_reused";
}
