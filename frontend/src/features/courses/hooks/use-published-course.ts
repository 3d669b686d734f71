/** The published course for a landing page, cached by slug. */
import { useQuery } from "@tanstack/react-query";
import { getPublishedCourse } from "../api/get-published-course";

export function usePublishedCourse(slug: string) {
  return useQuery({ queryKey: ["courses", "published", slug], queryFn: () => getPublishedCourse(slug) });
}
