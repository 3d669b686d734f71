/** Marking a thread read (quietly, when opened) and closing or reopening it (with a toast). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { markConversationRead } from "../api/mark-conversation-read";
import { setConversationStatus } from "../api/set-conversation-status";
import type { ConversationStatus } from "../inbox-model";
import { inboxKeys } from "./inbox-keys";

export function useMarkConversationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markConversationRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.conversations() }),
  });
}

export function useSetConversationStatus(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: ConversationStatus) => setConversationStatus(conversationId, status),
    onSuccess: (_, status) => toast({ tone: "success", title: status === "closed" ? "Conversation closed" : "Conversation reopened" }),
    onError: (error) => toast({ tone: "error", title: "The conversation was not changed", description: `${error.message} Try again.` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.conversations() }),
  });
}
