/** One published course by slug, as anyone (anon) may read it; null when there is none. */
import { supabase } from "@/lib/supabase";
import { COURSE_COLUMNS, toCourse, type Course } from "../course";

export async function getPublishedCourse(slug: string): Promise<Course | null> {
  const { data, error } = await supabase
    .from("courses")
    .select(COURSE_COLUMNS)
    .eq("slug", slug)
    .eq("published", true)
    .maybeSingle();
  if (error) throw error;
  return data ? toCourse(data) : null;
}
