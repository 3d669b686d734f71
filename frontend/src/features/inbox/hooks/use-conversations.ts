/** The inbox list for the filters; Realtime invalidates it, so it never polls. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { listConversations } from "../api/list-conversations";
import type { InboxFilters } from "../inbox-model";
import { inboxKeys } from "./inbox-keys";

export function useConversations(filters: InboxFilters) {
  return useQuery({
    queryKey: inboxKeys.conversationList(filters),
    queryFn: () => listConversations(filters),
    placeholderData: keepPreviousData,
  });
}
