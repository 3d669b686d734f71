/** /admin/payments: every payment link with its payer, batch, amount and outcome, and the period's totals. */
import { useState, type ReactNode } from "react";
import { AmountWithRefund } from "@/components/ui/amount-with-refund";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime, resolveTimeZone } from "@/lib/format/time";
import { PAYMENTS_PAGE_SIZE } from "../api/list-payments";
import { usePaymentList, usePaymentTotals } from "../hooks/use-payment-list";
import { pageOfRows } from "./page-of-rows";
import { PaidStudents } from "./paid-students";
import { PaymentBadge, ShortfallNote } from "./payment-badge";
import { PaymentLinkDialog } from "./payment-link-dialog";
import { ReceiptButton } from "./receipt-button";
import { RefundDialog } from "./refund-dialog";
import { PERIOD_LABELS, STATUS_LABELS, payerOf, type PaymentFilters, type PaymentRow, type Period } from "../payment-list";

const STATUSES = ["all", "paid", "pending", "created", "failed", "expired", "refunded"] as const;
const PROVIDERS = ["all", "instamojo", "phonepe"] as const;
const PERIODS = Object.keys(PERIOD_LABELS) as Period[];

function columns(timeZone: string): Column<PaymentRow>[] {
  return [
    {
      id: "payer",
      header: "Payer",
      cell: (row) => {
        const payer = payerOf(row);
        return (
          <div className="grid gap-0.5">
            <span className="font-medium">{payer.name}</span>
            <span className="text-xs text-slate-600">{payer.kind}</span>
          </div>
        );
      },
    },
    { id: "batch", header: "Batch", cell: (row) => row.batch?.name ?? <span className="text-slate-500">No batch</span> },
    {
      id: "amount",
      header: "Amount",
      className: "text-right tabular-nums",
      cell: (row) => <AmountWithRefund amountPaise={row.amount_paise} refundedPaise={row.refunded_paise} currency={row.currency} />,
    },
    {
      id: "status",
      header: "Status",
      cell: (row) => (
        <div className="grid justify-items-start gap-1">
          <PaymentBadge payment={row} />
          <ShortfallNote payment={row} className="max-w-56 text-xs text-amber-900" />
          {row.status === "failed" && row.failure_reason ? <span className="text-xs text-red-800">{row.failure_reason}</span> : null}
        </div>
      ),
    },
    { id: "provider", header: "Provider", cell: (row) => (row.provider === "phonepe" ? "PhonePe" : "Instamojo") },
    {
      id: "paid",
      header: "Paid",
      cell: (row) =>
        row.paid_at ? (
          <time dateTime={row.paid_at}>{formatDateTime(row.paid_at, timeZone)}</time>
        ) : (
          <span className="text-slate-500">Created {formatDateTime(row.created_at, timeZone)}</span>
        ),
    },
    { id: "receipt", header: "Receipt", cell: (row) => <ReceiptButton path={row.receipt_path} number={row.receipt_number} /> },
    { id: "actions", header: "Actions", cell: (row) => <RefundDialog payment={row} payerName={payerOf(row).name} /> },
  ];
}

function Total({ title, value, detail }: { title: string; value: ReactNode; detail: string }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{title}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
      <CardContent className="text-sm text-slate-600">{detail}</CardContent>
    </Card>
  );
}

function Totals({ filters }: { filters: PaymentFilters }) {
  const query = usePaymentTotals(filters);
  if (query.status === "error") {
    return <p className="text-sm text-red-700">The totals could not be added up: {query.error.message} Reload the page to try again.</p>;
  }
  if (query.status === "pending") {
    return (
      <div role="status" aria-label="Adding up the totals" className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-28" />
        ))}
      </div>
    );
  }
  const totals = query.data;
  return (
    <div aria-label={`Totals, ${PERIOD_LABELS[filters.period].toLowerCase()}`} role="group" className="grid gap-3 sm:grid-cols-3">
      <Total title="Collected" value={formatMoney(totals.collectedPaise)} detail={`${totals.paidCount} paid, net of refunds`} />
      <Total title="Awaiting payment" value={formatMoney(totals.pendingPaise)} detail={`${totals.pendingCount} open links`} />
      <Total title="Refunded" value={formatMoney(totals.refundedPaise)} detail={`${totals.failedCount} failed attempts`} />
    </div>
  );
}

function FilterSelect<T extends string>(props: { label: string; value: T; options: readonly T[]; name: (option: T) => string; onChange: (value: T) => void }) {
  return (
    <Select value={props.value} onValueChange={(value) => { props.onChange(value as T); }}>
      <SelectTrigger aria-label={props.label} className="sm:w-44">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {props.options.map((option) => (
          <SelectItem key={option} value={option}>
            {props.name(option)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function PaymentsPage() {
  const [filters, setFilters] = useState<PaymentFilters>({ status: "all", provider: "all", period: "30d" });
  const [page, setPage] = useState(0);
  const query = usePaymentList(filters, page);
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const change = (next: Partial<PaymentFilters>) => {
    setFilters({ ...filters, ...next });
    setPage(0);
  };
  const filtered = filters.status !== "all" || filters.provider !== "all" || filters.period !== "all";

  return (
    <div className="grid gap-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold">Payments</h1>
          <p className="text-slate-600">Payment links by the time they were created. Totals cover every payment the filters match.</p>
        </div>
        <PaymentLinkDialog />
      </header>
      <Tabs defaultValue="payments">
        <TabsList aria-label="Payment views" className="sm:w-auto">
          <TabsTrigger value="payments">Payments</TabsTrigger>
          <TabsTrigger value="students">Paid students</TabsTrigger>
        </TabsList>
        <TabsContent value="payments" className="grid gap-4">
          <div className="grid gap-2 sm:flex sm:flex-wrap">
            <FilterSelect label="Period" value={filters.period} options={PERIODS} name={(period) => PERIOD_LABELS[period]} onChange={(period) => { change({ period }); }} />
            <FilterSelect label="Status" value={filters.status} options={STATUSES} name={(status) => (status === "all" ? "Every status" : STATUS_LABELS[status])} onChange={(status) => { change({ status }); }} />
            <FilterSelect
              label="Provider"
              value={filters.provider}
              options={PROVIDERS}
              name={(provider) => (provider === "all" ? "Every provider" : provider === "phonepe" ? "PhonePe" : "Instamojo")}
              onChange={(provider) => { change({ provider }); }}
            />
          </div>
          <Totals filters={filters} />
          <div className="overflow-x-auto">
            <DataTable
              caption={`Payments, ${PERIOD_LABELS[filters.period].toLowerCase()}, times in ${timeZone}`}
              columns={columns(timeZone)}
              {...pageOfRows(query)}
              empty={{
                title: "No payments match.",
                description: filtered ? "Widen the period or clear the filters." : "Payments appear here once a payment link is created.",
              }}
            />
          </div>
          {query.data && query.data.total > PAYMENTS_PAGE_SIZE ? (
            <Pagination page={page} pageSize={PAYMENTS_PAGE_SIZE} total={query.data.total} onPageChange={setPage} noun="payments" />
          ) : null}
        </TabsContent>
        <TabsContent value="students">
          <PaidStudents timeZone={timeZone} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
