/** One thread: its header, timeline and WhatsApp windows (rechecked every minute, since windows close with time). */
import { useQuery } from "@tanstack/react-query";
import { getConversation } from "../api/get-conversation";
import { getWhatsAppWindows } from "../api/get-whatsapp-windows";
import { listConversationMessages } from "../api/list-conversation-messages";
import { inboxKeys } from "./inbox-keys";

export function useTimeline(conversationId: string) {
  return useQuery({ queryKey: inboxKeys.timeline(conversationId), queryFn: () => listConversationMessages(conversationId) });
}

export function useWhatsAppWindows(conversationId: string) {
  return useQuery({
    queryKey: inboxKeys.windows(conversationId),
    queryFn: () => getWhatsAppWindows(conversationId, new Date()),
    refetchInterval: 60_000,
  });
}

export function useConversation(conversationId: string) {
  return useQuery({ queryKey: inboxKeys.thread(conversationId), queryFn: () => getConversation(conversationId) });
}
