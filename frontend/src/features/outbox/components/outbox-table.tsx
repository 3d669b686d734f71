/** One list of the outbox: what, to whom, attempts, when next (or when it gave up), the last error. */
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/format/time";
import { OUTBOX_PAGE_SIZE } from "../api/list-outbox-items";
import { useOutboxItems } from "../hooks/use-outbox-items";
import { describeOperation, describeRecipient, holdReason, VIEW_STATUSES, type OutboxItem, type OutboxView } from "../outbox-item";
import { OutboxActions } from "./outbox-actions";

const EMPTY: Record<OutboxView, string> = {
  pending: "Nothing is waiting to be sent.",
  paused: "No message is paused.",
  dead: "No message has given up. Messages land here after their last failed attempt.",
};

function columns(view: OutboxView, timeZone: string): Column<OutboxItem>[] {
  return [
    {
      id: "what",
      header: "Message",
      cell: (item) => (
        <div className="grid gap-0.5">
          <span className="font-medium">{describeOperation(item)}</span>
          <span className="text-xs text-slate-600">{describeRecipient(item)}</span>
        </div>
      ),
    },
    {
      id: "attempts",
      header: "Attempts",
      cell: (item) => `${item.attempts} of ${item.max_attempts}`,
    },
    {
      id: "when",
      header: view === "dead" ? "Gave up" : "Next attempt",
      cell: (item) => {
        const held = holdReason(item);
        return (
          <div className="grid gap-0.5">
            <time dateTime={view === "dead" ? item.updated_at : item.next_attempt_at}>
              {formatDateTime(view === "dead" ? item.updated_at : item.next_attempt_at, timeZone)}
            </time>
            {held ? <span className="text-xs text-slate-600">Held: {held}</span> : null}
          </div>
        );
      },
    },
    {
      id: "error",
      header: "Last error",
      className: "max-w-80",
      cell: (item) =>
        item.last_error ? (
          <div className="grid gap-1">
            <Badge tone="danger">Failed</Badge>
            <span className="text-sm break-words text-red-800">{item.last_error}</span>
          </div>
        ) : (
          <span className="text-slate-500">None</span>
        ),
    },
    { id: "actions", header: <span className="sr-only">Actions</span>, cell: (item) => <OutboxActions item={item} /> },
  ];
}

export function OutboxTable({ view, timeZone }: { view: OutboxView; timeZone: string }) {
  const [page, setPage] = useState(0);
  const query = useOutboxItems(VIEW_STATUSES[view], page);
  return (
    <div>
      <DataTable
        caption={`Outbox: ${view} messages, in ${timeZone} time`}
        columns={columns(view, timeZone)}
        rowKey={(item) => item.id}
        status={query.status}
        rows={query.data?.items}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={{ title: EMPTY[view] }}
      />
      {query.data && query.data.total > OUTBOX_PAGE_SIZE ? (
        <Pagination page={page} pageSize={OUTBOX_PAGE_SIZE} total={query.data.total} onPageChange={setPage} noun={`${view} messages`} />
      ) : null}
    </div>
  );
}
