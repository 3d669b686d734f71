/** Previous / next paging with "21–40 of 312"; the current page is announced when it changes. */
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";
import { pageRange } from "./page-range";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What the rows are, for screen readers: "leads", "payments". */
  noun: string;
}

export function Pagination({ page, pageSize, total, onPageChange, noun }: PaginationProps) {
  const range = pageRange(page, pageSize, total);
  const count = new Intl.NumberFormat("en-IN");
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
      <p aria-live="polite" className="text-slate-600">
        {total === 0
          ? `No ${noun}`
          : `${count.format(range.first)}–${count.format(range.last)} of ${count.format(total)} ${noun}`}
      </p>
      <div className="flex items-center gap-2">
        <Button variant="outline" size="sm" disabled={range.page <= 1} onClick={() => { onPageChange(range.page - 1); }}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </Button>
        <span className="text-slate-600">
          Page {range.page} of {range.pageCount}
        </span>
        <Button
          variant="outline"
          size="sm"
          disabled={range.page >= range.pageCount}
          onClick={() => { onPageChange(range.page + 1); }}
        >
          Next
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </nav>
  );
}
