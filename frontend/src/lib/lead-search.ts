/** Searching leads by name, email or phone with PostgREST, safely for any typed term. */

/**
 * The PostgREST `or` filter searching name, email and phone for `term`. Characters that carry
 * meaning in the filter grammar or in LIKE patterns are dropped, so a search never breaks the
 * request or matches everything. Digits-only terms also match phones written with a "+91".
 */
export function searchFilter(term: string): string | null {
  const clean = cleanSearch(term);
  if (!clean) return null;
  const pattern = `*${clean}*`;
  return [`full_name.ilike.${pattern}`, `email.ilike.${pattern}`, `phone.ilike.${pattern.replace(/\s/g, "")}`].join(",");
}

/** The search term as the list matches it: filter-grammar and LIKE characters dropped, spaces collapsed. */
export function cleanSearch(term: string): string {
  return term.replace(/[,()*%\\:"'.]/g, " ").trim().replace(/\s+/g, " ");
}
