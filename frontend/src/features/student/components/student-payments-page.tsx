/** /student/payments: the student's payments with their status, a pay button for open links and receipts. */
import { Download } from "lucide-react";
import { Link } from "react-router";
import { AmountWithRefund } from "@/components/ui/amount-with-refund";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format/time";
import { useMyPayments, useMyProfile } from "../hooks/use-student-data";
import { useReceiptDownload } from "../hooks/use-receipt-download";
import { viewerTimeZone } from "../hooks/use-viewer-time-zone";
import { paidFor, payableIds, shownPayments, STATUS_VIEW, type StudentPayment } from "../student-payments";

function ReceiptCell({ payment, payable }: { payment: StudentPayment; payable: boolean }) {
  const download = useReceiptDownload();
  if (payable) {
    return (
      <Button asChild size="sm">
        <Link to={`/pay/${encodeURIComponent(payment.id)}`}>Pay now</Link>
      </Button>
    );
  }
  if (!payment.receipt_path) {
    const note = payment.status === "paid" ? "Being prepared" : "None";
    return <span className="text-slate-500">{payment.receipt_number ? `${payment.receipt_number} · ${note.toLowerCase()}` : note}</span>;
  }
  const path = payment.receipt_path;
  return (
    <Button variant="outline" size="sm" busy={download.isPending} onClick={() => { download.mutate(path); }}>
      <Download className="size-4" aria-hidden="true" />
      Receipt {payment.receipt_number ?? ""}
    </Button>
  );
}

function columns(timeZone: string, payable: Set<string>): Column<StudentPayment>[] {
  return [
    { id: "for", header: "For", cell: (row) => <span className="font-medium">{paidFor(row)}</span> },
    {
      id: "amount",
      header: "Amount",
      className: "text-right tabular-nums",
      cell: (row) => <AmountWithRefund amountPaise={row.amount_paise} refundedPaise={row.refunded_paise} currency={row.currency} />,
    },
    {
      id: "status",
      header: "Status",
      cell: (row) => {
        // A link whose last order lapsed or failed still takes payment (its page makes a new order).
        const view = payable.has(row.id) ? STATUS_VIEW.created : STATUS_VIEW[row.status];
        return <Badge tone={view.tone}>{view.label}</Badge>;
      },
    },
    {
      id: "when",
      header: "Date",
      cell: (row) => <time dateTime={row.paid_at ?? row.created_at}>{formatDateTime(row.paid_at ?? row.created_at, timeZone)}</time>,
    },
    { id: "receipt", header: "Receipt", cell: (row) => <ReceiptCell payment={row} payable={payable.has(row.id)} /> },
  ];
}

export function StudentPaymentsPage({ userId }: { userId: string }) {
  const payments = useMyPayments(userId);
  const timeZone = viewerTimeZone(useMyProfile(userId).data?.timezone);
  const payable = payableIds(payments.data ?? []);
  return (
    <div className="grid gap-4">
      <header className="grid gap-1">
        <h1 className="text-2xl font-semibold">Payments</h1>
        <p className="text-sm text-slate-600">Your course fees and receipts. Times are shown in {timeZone}.</p>
      </header>
      <div className="overflow-x-auto">
        <DataTable
          caption="Your payments, newest first"
          columns={columns(timeZone, payable)}
          rowKey={(row) => row.id}
          status={payments.status}
          rows={payments.data && shownPayments(payments.data)}
          error={payments.error}
          onRetry={() => void payments.refetch()}
          empty={{ title: "No payments yet", description: "When the center sends you a payment link, it shows up here." }}
          loadingRows={3}
        />
      </div>
    </div>
  );
}
