/** Adds an internal note; the thread and the lists refetch afterwards. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { addNote } from "../api/add-note";
import { inboxKeys } from "./inbox-keys";

export function useAddNote(conversationId: string, authorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addNote(conversationId, authorId, body),
    onSuccess: () => toast({ tone: "success", title: "Note added" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
