/** Replies, templates and AI calls to a lead, with their toasts; the timelines refetch afterwards. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { asSentence } from "@/lib/format/sentence";
import { isRequestIdReused, REUSED_ID_ADVICE } from "@/lib/use-request-id";
import { sendLeadMessage } from "../api/send-lead-message";
import { sendLeadTemplate } from "../api/send-lead-template";
import { startLeadCall } from "../api/start-lead-call";
import type { ComposerChannel, CourseTemplate, Draft } from "../composer-model";
import { CHANNEL_LABELS } from "../inbox-model";
import { inboxKeys } from "./inbox-keys";

/** What the composer sends: free text, or a course template while WhatsApp's window is closed. */
export type OutgoingMessage = { kind: "free"; channel: ComposerChannel; draft: Draft } | { kind: "template"; channel: ComposerChannel; template: CourseTemplate };
type Outgoing = OutgoingMessage & { requestId: string };

export function useSendToLead(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: Outgoing) =>
      message.kind === "free"
        ? sendLeadMessage(leadId, message.channel, message.draft, message.requestId)
        : sendLeadTemplate(leadId, message.channel, message.template, message.requestId),
    onSuccess: (_, message) => toast({ tone: "success", title: `${CHANNEL_LABELS[message.channel]} queued`, description: "The timeline shows when it is delivered." }),
    onError: (error) => {
      const reason = isRequestIdReused(error) ? REUSED_ID_ADVICE : asSentence(error.message);
      toast({ tone: "error", title: "Not sent", description: `${reason} Your text is still here.` });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}

export function useStartLeadCall(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => startLeadCall(leadId, requestId),
    onSuccess: () => toast({ tone: "success", title: "AI call queued", description: "The summary and transcript appear on the timeline after the call." }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
