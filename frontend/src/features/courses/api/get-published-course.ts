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
  if (!data) return null;
  // The syllabus is a file in the public course-files bucket; the summary stands in for a missing description.
  const { summary, syllabus_path: syllabusPath, ...row } = data;
  const syllabus = syllabusPath ? supabase.storage.from("course-files").getPublicUrl(syllabusPath).data.publicUrl : null;
  return toCourse({ ...row, description: row.description ?? summary, syllabus });
}
