/** What a DataTable needs from a query of one page of rows with ids (the Payments page's two lists). */
import type { UseQueryResult } from "@tanstack/react-query";

export function pageOfRows<Row extends { id: string }>(query: UseQueryResult<{ rows: Row[]; total: number }>) {
  return {
    rowKey: (row: Row) => row.id,
    status: query.status,
    rows: query.data?.rows,
    error: query.error,
    onRetry: () => void query.refetch(),
  };
}
