/** An outbox action with its toast; every outbox list refetches afterwards, success or not. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { changeOutboxItem } from "../api/change-outbox-item";
import { ACTION_DONE, type OutboxAction, type OutboxItem } from "../outbox-item";
import { outboxKeys } from "./use-outbox-items";

interface Variables {
  item: Pick<OutboxItem, "id" | "status">;
  action: OutboxAction;
}

export function useChangeOutboxItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, action }: Variables) => changeOutboxItem(item, action),
    onSuccess: (_, { action }) => toast({ tone: "success", title: ACTION_DONE[action] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: outboxKeys.all }),
  });
}
