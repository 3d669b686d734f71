/** A table over query results with its three other states: loading, empty and failed (with retry). */
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Skeleton } from "./skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "./table";

export interface Column<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  className?: string;
}

interface DataTableProps<Row> {
  /** Names the table for screen readers; shown under it. */
  caption: string;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  /** The query's state, as TanStack Query reports it. */
  status: "pending" | "error" | "success";
  rows: Row[] | undefined;
  error?: Error | null;
  onRetry?: () => void;
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  loadingRows?: number;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, columns, rowKey, status, rows, error, onRetry, empty, loadingRows = 5 } = props;

  if (status === "error") {
    return (
      <Alert tone="error" title="This list could not be loaded.">
        <p>{error?.message ?? "The server did not answer."} Check your connection, then try again.</p>
        {onRetry ? (
          <Button variant="outline" size="sm" className="mt-2" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Alert>
    );
  }

  return (
    <Table aria-busy={status === "pending" || undefined}>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHead key={column.id} className={column.className}>
              {column.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {status === "pending"
          ? Array.from({ length: loadingRows }, (_, index) => (
              <TableRow key={index}>
                {columns.map((column) => (
                  <TableCell key={column.id}>
                    <Skeleton className="h-4 w-full max-w-40" />
                  </TableCell>
                ))}
              </TableRow>
            ))
          : null}
        {status === "success" && rows?.length === 0 ? (
          <TableRow>
            <td colSpan={columns.length} className="px-3 py-10 text-center">
              <p className="font-medium">{empty.title}</p>
              {empty.description ? <div className="mt-1 text-slate-600">{empty.description}</div> : null}
              {empty.action ? <div className="mt-3">{empty.action}</div> : null}
            </td>
          </TableRow>
        ) : null}
        {status === "success"
          ? rows?.map((row) => (
              <TableRow key={rowKey(row)}>
                {columns.map((column) => (
                  <TableCell key={column.id} className={column.className}>
                    {column.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))
          : null}
      </TableBody>
    </Table>
  );
}
