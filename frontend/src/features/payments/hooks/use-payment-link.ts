/** The payment link dialog's data: the course's batches, the link it creates, and that link as the provider makes it. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { createPaymentLink } from "../api/create-payment-link";
import { getPaymentLink } from "../api/get-payment-link";
import { listCourseBatches } from "../api/list-course-batches";
import { listLeadPayments } from "../api/list-lead-payments";
import { nextLinkCheck } from "../payment-link";

export const paymentLinkKeys = {
  batches: (courseId: string) => ["payments", "course-batches", courseId] as const,
  link: (paymentId: string) => ["payments", "link", paymentId] as const,
  lead: (leadId: string) => ["payments", "lead", leadId] as const,
};

/** How often the dialog asks whether the provider has made the link yet (until it is made or failed for good). */
export const LINK_CHECK_MS = 2_000;

export function useCourseBatches(courseId: string | null) {
  return useQuery({
    queryKey: paymentLinkKeys.batches(courseId ?? "none"),
    queryFn: () => (courseId ? listCourseBatches(courseId) : Promise.resolve([])),
  });
}

export function useCreatePaymentLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPaymentLink,
    onSuccess: () => toast({ tone: "success", title: "Payment link sent", description: "It goes to the payer by email and WhatsApp as soon as the provider makes it." }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["payments"] }),
  });
}

export function usePaymentLink(paymentId: string | null) {
  return useQuery({
    queryKey: paymentLinkKeys.link(paymentId ?? "none"),
    queryFn: () => getPaymentLink(paymentId ?? ""),
    enabled: paymentId !== null,
    refetchInterval: (query) => nextLinkCheck(query.state.data, LINK_CHECK_MS),
  });
}

export function useLeadPayments(leadId: string) {
  return useQuery({ queryKey: paymentLinkKeys.lead(leadId), queryFn: () => listLeadPayments(leadId) });
}
