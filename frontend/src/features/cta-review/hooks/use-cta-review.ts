/** The pending submissions and the decisions on them; a decided submission leaves the list. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { asSentence } from "@/lib/format/sentence";
import { decideSubmission, type Decision } from "../api/decide-submission";
import { listPendingSubmissions } from "../api/list-pending-submissions";

const pendingKey = ["cta-submissions", "pending"] as const;

export function usePendingSubmissions() {
  return useQuery({ queryKey: pendingKey, queryFn: listPendingSubmissions, refetchInterval: 60_000 });
}

const DONE: Record<Decision, string> = { approve: "Approved — welcome sequence started", reject: "Rejected" };

export function useDecideSubmission() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Decision; name: string }) => decideSubmission(id, decision),
    onSuccess: (_, { decision, name }) => toast({ tone: "success", title: DONE[decision], description: name }),
    onError: (error, { name }) => toast({ tone: "error", title: `Nothing was decided for ${name}`, description: `${asSentence(error.message)} The list now shows what is still pending.` }),
    // The Today page counts pending reviews too.
    onSettled: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === "cta-submissions" || query.queryKey[0] === "dashboard" }),
  });
}
