/** Downloads a payment's receipt through a short-lived signed link. */
import { Button } from "@/components/ui/button";
import { useDownloadReceipt } from "../hooks/use-payment-actions";

export function ReceiptButton({ path, number }: { path: string | null; number: string | null }) {
  const download = useDownloadReceipt();
  if (!path) return <span className="text-slate-500">{number ?? "None"}</span>;
  return (
    <Button variant="outline" size="sm" busy={download.isPending} onClick={() => { download.mutate({ path, number }); }}>
      Receipt {number ?? ""}
    </Button>
  );
}
