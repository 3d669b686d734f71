/** The arithmetic of paged lists, shared by <Pagination /> and the queries that fetch a page. */

export interface PageRange {
  /** 1-based page, clamped into [1, pageCount]. */
  page: number;
  pageCount: number;
  /** 1-based index of the first and last row shown; 0 and 0 when there are no rows. */
  first: number;
  last: number;
  /** The inclusive 0-based row offsets for supabase-js `.range(from, to)`. */
  from: number;
  to: number;
}

/** Raises RangeError unless pageSize is a positive integer and total a non-negative integer. */
export function pageRange(page: number, pageSize: number, total: number): PageRange {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be a positive integer");
  if (!Number.isInteger(total) || total < 0) throw new RangeError("total must be a non-negative integer");
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const from = (current - 1) * pageSize;
  const to = from + pageSize - 1;
  return {
    page: current,
    pageCount,
    first: total === 0 ? 0 : from + 1,
    last: Math.min(total, to + 1),
    from,
    to,
  };
}
