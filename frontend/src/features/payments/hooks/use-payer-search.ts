/** The payer picker's search: asks once typing pauses, and keeps the last matches while it asks again. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { cleanSearch } from "@/lib/lead-search";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { searchPayers } from "../api/search-payers";
import { MIN_SEARCH_LENGTH } from "../payer-choice";

/** How long typing must pause before the search runs. */
export const SEARCH_PAUSE_MS = 250;

export function usePayerSearch(term: string) {
  const settled = useDebouncedValue(cleanSearch(term), SEARCH_PAUSE_MS);
  const ready = settled.length >= MIN_SEARCH_LENGTH;
  const query = useQuery({
    queryKey: ["payments", "payer-search", settled],
    queryFn: () => searchPayers(settled),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  return { ready, term: settled, query };
}
