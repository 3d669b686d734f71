/** Marking a thread read (quietly, when opened), closing or reopening it, and making a lead of an unverified
 * sender (with a toast). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { makeLeadOfUnverifiedSender } from "../api/make-lead-of-unverified-sender";
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

export function useMakeLeadOfUnverifiedSender(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fullName: string) => makeLeadOfUnverifiedSender(conversationId, fullName),
    onSuccess: () => toast({ tone: "success", title: "Lead made", description: "This conversation is now the lead's." }),
    onError: (error) => toast({ tone: "error", title: "No lead was made", description: `${error.message} Reload the conversation, then try again.` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
