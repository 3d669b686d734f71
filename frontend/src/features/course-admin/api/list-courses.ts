/** Every course (drafts too, by the admin's RLS) with its batches, newest course first. */
import { supabase } from "@/lib/supabase";
import type { CourseWithBatches } from "../course-model";

export async function listCourses(): Promise<CourseWithBatches[]> {
  const { data, error } = await supabase
    .from("courses")
    .select("*, batches!batches_course_id_fkey(*)")
    .order("created_at", { ascending: false })
    .order("starts_on", { referencedTable: "batches", ascending: false });
  if (error) throw error;
  return data;
}
