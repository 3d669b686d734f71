/** TanStack Query defaults: short freshness, a couple of retries for failures worth retrying. */
import { QueryClient } from "@tanstack/react-query";
import { ServiceError, UnexpectedAnswerError } from "@/lib/service-error";

const MAX_RETRIES = 2;

/**
 * Retries network trouble and server faults, never a refusal: a 4xx from the service (other than
 * 429) or an answer whose shape is wrong will not change by asking again.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (error instanceof UnexpectedAnswerError) return false;
  if (error instanceof ServiceError) return error.status === 0 || error.status === 429 || error.status >= 500;
  return true;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, gcTime: 5 * 60_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
