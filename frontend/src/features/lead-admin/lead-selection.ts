/** Which leads of the list are picked: some by id (across pages), or every lead matching the filter. */
import type { Audience } from "@/lib/audience";
import { leadFilter, type LeadQuery } from "./lead-query";

export interface LeadSelection {
  ids: ReadonlySet<string>;
  /** Every lead matching the current query, on every page. */
  allMatching: boolean;
}

export const NOTHING_SELECTED: LeadSelection = { ids: new Set(), allMatching: false };

/** Picks or unpicks one lead; unpicking one ends an "all matching" selection, keeping the rest of the page. */
export function toggleLead(selection: LeadSelection, id: string, pageIds: readonly string[]): LeadSelection {
  const ids = new Set(selection.allMatching ? pageIds : selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, allMatching: false };
}

/** Picks every lead of the page, or unpicks them all when they all are picked already. */
export function togglePage(selection: LeadSelection, pageIds: readonly string[]): LeadSelection {
  if (pageSelected(selection, pageIds)) return NOTHING_SELECTED;
  return { ids: new Set([...selection.ids, ...pageIds]), allMatching: false };
}

export function pageSelected(selection: LeadSelection, pageIds: readonly string[]): boolean {
  return selection.allMatching || (pageIds.length > 0 && pageIds.every((id) => selection.ids.has(id)));
}

export function isSelected(selection: LeadSelection, id: string): boolean {
  return selection.allMatching || selection.ids.has(id);
}

export function selectedCount(selection: LeadSelection, total: number): number {
  return selection.allMatching ? total : selection.ids.size;
}

/** The selection as the service's audience: the picked ids, or the list's filter. */
export function selectionAudience(selection: LeadSelection, query: LeadQuery, timeZone: string): Audience {
  return selection.allMatching ? { filter: leadFilter(query, timeZone) } : { lead_ids: [...selection.ids] };
}
