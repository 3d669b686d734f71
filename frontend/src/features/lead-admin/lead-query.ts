/** The leads list's query (search, filters, sort, page) read from and written to the address bar. */
import { TZDate } from "@date-fns/tz";
import type { LeadFilter } from "@/lib/audience";
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from "@/lib/lead-labels";
import { cleanSearch } from "@/lib/lead-search";

export { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from "@/lib/lead-labels";

export const SORTABLE = ["created_at", "full_name", "status", "last_contacted_at"] as const;
export type SortColumn = (typeof SORTABLE)[number];

export const PAGE_SIZE = 25;

export interface LeadQuery {
  search: string;
  status: LeadStatus | null;
  source: LeadSource | null;
  tag: string;
  courseId: string | null;
  from: string | null;
  to: string | null;
  sort: SortColumn;
  ascending: boolean;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the query from URL parameters; anything unknown or malformed falls back to the default. */
export function readLeadQuery(params: URLSearchParams): LeadQuery {
  const page = Number(params.get("page"));
  const from = params.get("from");
  const to = params.get("to");
  return {
    search: params.get("q")?.trim() ?? "",
    status: oneOf(params.get("status"), LEAD_STATUSES.map((s) => s.value)),
    source: oneOf(params.get("source"), LEAD_SOURCES.map((s) => s.value)),
    tag: params.get("tag")?.trim() ?? "",
    courseId: params.get("course") || null,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    sort: oneOf(params.get("sort"), SORTABLE) ?? "created_at",
    ascending: params.get("dir") === "asc",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The URL parameters of a query, leaving out defaults so addresses stay short. */
export function writeLeadQuery(query: LeadQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.search) params.set("q", query.search);
  if (query.status) params.set("status", query.status);
  if (query.source) params.set("source", query.source);
  if (query.tag) params.set("tag", query.tag);
  if (query.courseId) params.set("course", query.courseId);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.sort !== "created_at") params.set("sort", query.sort);
  if (query.ascending) params.set("dir", "asc");
  if (query.page > 1) params.set("page", String(query.page));
  return params;
}

/** The query's filter as the service takes it ("every lead matching"), days as instants in `timeZone`. */
export function leadFilter(query: LeadQuery, timeZone: string): LeadFilter {
  const filter: LeadFilter = {};
  const search = cleanSearch(query.search);
  if (search) filter.search = search;
  if (query.status) filter.status = query.status;
  if (query.source) filter.source = query.source;
  if (query.tag) filter.tag = query.tag;
  if (query.courseId) filter.course_id = query.courseId;
  if (query.from) filter.created_from = dayStart(query.from, timeZone);
  if (query.to) filter.created_to = dayStart(query.to, timeZone, true);
  return filter;
}

/** The instant a calendar day starts in `timeZone`, as ISO; `nextDay` gives the start of the following day (for an inclusive end). */
export function dayStart(day: string, timeZone: string, nextDay = false): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + (nextDay ? 1 : 0), timeZone).getTime()).toISOString();
}

/** Toggles sorting: the same column flips direction; a new column starts newest/“Z” first except names. */
export function nextSort(query: LeadQuery, column: SortColumn): Pick<LeadQuery, "sort" | "ascending"> {
  if (query.sort === column) return { sort: column, ascending: !query.ascending };
  return { sort: column, ascending: column === "full_name" };
}
