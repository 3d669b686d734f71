/** Students whose payment enrolled them: who, in which batch of which course, and what they paid. */
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { formatMoney } from "@/lib/format/money";
import { formatDateTime } from "@/lib/format/time";
import { PAID_STUDENTS_PAGE_SIZE, type PaidStudentRow } from "../api/list-paid-students";
import { usePaidStudents } from "../hooks/use-payment-actions";
import { pageOfRows } from "./page-of-rows";

const ENROLLMENT_TONES = { pending: "warning", active: "success", completed: "neutral", cancelled: "danger" } as const;

function columns(timeZone: string): Column<PaidStudentRow>[] {
  return [
    {
      id: "student",
      header: "Student",
      cell: (row) => (
        <div className="grid gap-0.5">
          <span className="font-medium">{row.student.full_name || row.student.email || "Unnamed student"}</span>
          <span className="text-xs text-slate-600">{row.student.email ?? row.student.phone ?? ""}</span>
        </div>
      ),
    },
    {
      id: "batch",
      header: "Batch",
      cell: (row) => (
        <div className="grid gap-0.5">
          <span>{row.batch.name}</span>
          <span className="text-xs text-slate-600">{row.batch.course.title}</span>
        </div>
      ),
    },
    { id: "enrollment", header: "Enrollment", cell: (row) => <Badge tone={ENROLLMENT_TONES[row.status]}>{row.status}</Badge> },
    {
      id: "paid",
      header: "Paid",
      className: "text-right tabular-nums",
      cell: (row) => (row.payment ? formatMoney(row.payment.amount_paise - row.payment.refunded_paise, row.payment.currency) : "—"),
    },
    {
      id: "when",
      header: "Paid on",
      cell: (row) => (row.payment?.paid_at ? <time dateTime={row.payment.paid_at}>{formatDateTime(row.payment.paid_at, timeZone)}</time> : <span className="text-slate-500">Not recorded</span>),
    },
  ];
}

export function PaidStudents({ timeZone }: { timeZone: string }) {
  const [page, setPage] = useState(0);
  const query = usePaidStudents(page);
  return (
    <div className="grid gap-3">
      <div className="overflow-x-auto">
        <DataTable
          caption={`Students enrolled by a payment, newest first, times in ${timeZone}`}
          columns={columns(timeZone)}
          {...pageOfRows(query)}
          empty={{ title: "No paid students yet.", description: "A student appears here once their payment is confirmed and they are enrolled." }}
        />
      </div>
      {query.data && query.data.total > PAID_STUDENTS_PAGE_SIZE ? (
        <Pagination page={page} pageSize={PAID_STUDENTS_PAGE_SIZE} total={query.data.total} onPageChange={setPage} noun="students" />
      ) : null}
    </div>
  );
}
