/**
 * Polls a payment's status until it settles (paid, failed, refunded) or the checks run out;
 * `checksExhausted` then tells the page to offer a manual check.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getPaymentStatus } from "../api/get-payment-status";
import { nextCheckDelay, paymentOutcome } from "../payment-status";

export function usePaymentStatus(reference: string) {
  const queryClient = useQueryClient();
  const queryKey = ["payments", "status", reference];
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => getPaymentStatus(reference, signal),
    refetchInterval: (current) => {
      const data = current.state.data;
      if (data && paymentOutcome(data.status) !== "pending") return false;
      return nextCheckDelay(current.state.dataUpdateCount + current.state.errorUpdateCount);
    },
    refetchIntervalInBackground: true,
    retry: 2,
  });
  const state = queryClient.getQueryState(queryKey);
  const checks = (state?.dataUpdateCount ?? 0) + (state?.errorUpdateCount ?? 0);
  return { query, checksExhausted: nextCheckDelay(checks) === false };
}
