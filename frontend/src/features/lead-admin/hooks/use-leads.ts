/** The leads list and the course options its filter offers. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { listCourseOptions } from "../api/list-course-options";
import { listLeads } from "../api/list-leads";
import type { LeadQuery } from "../lead-query";
import { leadKeys } from "./lead-keys";

export function useLeads(query: LeadQuery, timeZone: string) {
  return useQuery({
    queryKey: leadKeys.list(query, timeZone),
    queryFn: () => listLeads(query, timeZone),
    placeholderData: keepPreviousData,
  });
}

export function useCourseOptions() {
  return useQuery({ queryKey: leadKeys.courses, queryFn: listCourseOptions, staleTime: 5 * 60_000 });
}
