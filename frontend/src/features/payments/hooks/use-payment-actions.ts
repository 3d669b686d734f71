/** Refunds, receipts and the paid-students list of the admin's Payments page. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { getReceiptUrl } from "../api/get-receipt-url";
import { listPaidStudents } from "../api/list-paid-students";
import { requestRefund } from "../api/request-refund";
import { paymentListKeys } from "./use-payment-list";

export function usePaidStudents(page: number) {
  return useQuery({ queryKey: ["payments", "paid-students", page], queryFn: () => listPaidStudents(page), placeholderData: keepPreviousData });
}

export function useRequestRefund() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentId, body }: { paymentId: string; body: { amount_paise: number | null; reason: string } }) => requestRefund(paymentId, body),
    onSuccess: () => toast({ tone: "success", title: "Refund requested", description: "The payment shows the refund as pending until the provider confirms it." }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentListKeys.all }),
  });
}

export function useDownloadReceipt() {
  return useMutation({
    mutationFn: ({ path, number }: { path: string; number: string | null }) => getReceiptUrl(path, number),
    onSuccess: (url) => {
      window.location.assign(url);
    },
    onError: (error) => toast({ tone: "error", title: "The receipt could not be opened", description: `${error.message} Try again in a minute.` }),
  });
}
