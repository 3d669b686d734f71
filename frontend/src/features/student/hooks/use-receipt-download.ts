/** Opens a receipt through a short-lived signed link; a failure says what to do in a toast. */
import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { getReceiptUrl } from "../api/get-receipt-url";

export function useReceiptDownload() {
  return useMutation({
    mutationFn: getReceiptUrl,
    onSuccess: (url) => {
      window.location.assign(url);
      toast({ tone: "success", title: "Receipt downloading" });
    },
    onError: (error) =>
      toast({ tone: "error", title: "The receipt could not be downloaded", description: `${error.message} Try again, or ask the center to email it.` }),
  });
}
