/** One page of outbox rows in a status, refreshed every 30 seconds while the page is open. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { listOutboxItems } from "../api/list-outbox-items";
import type { OutboxStatus } from "../outbox-item";

export const outboxKeys = {
  all: ["outbox"] as const,
  list: (status: OutboxStatus, page: number) => ["outbox", "list", status, page] as const,
};

export function useOutboxItems(status: OutboxStatus, page: number) {
  return useQuery({
    queryKey: outboxKeys.list(status, page),
    queryFn: () => listOutboxItems(status, page),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
