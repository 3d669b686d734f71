/** The published catalog's titles and slugs, for choosing a course in a form. */
import { supabase } from "@/lib/supabase";

export interface CourseOption {
  slug: string;
  title: string;
}

export async function listPublishedCourses(): Promise<CourseOption[]> {
  const { data, error } = await supabase.from("courses").select("slug, title").eq("published", true).order("title");
  if (error) throw error;
  return data;
}
