/** Closing a payment link from the lead's timeline; the lead's payments and its timeline are read again afterwards. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { closePaymentLink } from "../api/close-payment-link";

/** Every open thread's timeline (the inbox feature's keys start so), where the service may note the closing. */
const TIMELINES = ["inbox", "thread"] as const;

export function useClosePaymentLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ linkId, reason }: { linkId: string; reason: string }) => closePaymentLink(linkId, reason),
    onSuccess: () => toast({ tone: "success", title: "Payment link closed", description: "The payer's link no longer takes payment. Send a new link when they are ready." }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ["payments"] }), queryClient.invalidateQueries({ queryKey: TIMELINES })]),
  });
}
