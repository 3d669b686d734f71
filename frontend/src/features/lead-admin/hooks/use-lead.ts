/** One lead, its conversation, and the admin's changes to it (status, tags) with their toasts. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { asSentence } from "@/lib/format/sentence";
import { changeLeadStatus } from "../api/change-lead-status";
import { getLead } from "../api/get-lead";
import { getLeadConversation } from "../api/get-lead-conversation";
import { setLeadTags } from "../api/set-lead-tags";
import type { LeadStatus } from "../lead-query";
import { leadKeys } from "./lead-keys";

export function useLead(leadId: string) {
  return useQuery({ queryKey: leadKeys.detail(leadId), queryFn: () => getLead(leadId) });
}

export function useLeadConversation(leadId: string) {
  return useQuery({ queryKey: leadKeys.conversation(leadId), queryFn: () => getLeadConversation(leadId), staleTime: Infinity });
}

export function useChangeLeadStatus(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ status, lostReason }: { status: LeadStatus; lostReason: string | null }) => changeLeadStatus(leadId, status, lostReason),
    onSuccess: () => toast({ tone: "success", title: "Status changed" }),
    onError: (error) => toast({ tone: "error", title: "The status was not changed", description: `${asSentence(error.message)} Try again.` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function useSetLeadTags(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { tags: string[]; done: string }) => setLeadTags(leadId, change.tags),
    onSuccess: (_, change) => toast({ tone: "success", title: change.done }),
    onError: (error) => toast({ tone: "error", title: "The tags were not changed", description: `${asSentence(error.message)} Try again.` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}
