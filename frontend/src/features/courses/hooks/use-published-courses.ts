/** The published catalog (titles and slugs). */
import { useQuery } from "@tanstack/react-query";
import { listPublishedCourses } from "../api/list-published-courses";

export function usePublishedCourses() {
  return useQuery({ queryKey: ["courses", "published"], queryFn: listPublishedCourses });
}
