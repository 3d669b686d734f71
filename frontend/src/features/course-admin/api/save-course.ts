/** Creates a course, or updates the one with `id`; refusals come back as sentences. */
import { supabase } from "@/lib/supabase";
import { courseRecord, explainWriteError, type CourseFormValues, type CourseRow } from "../course-model";

export async function saveCourse(id: string | null, values: CourseFormValues): Promise<CourseRow> {
  const record = courseRecord(values);
  const query = id ? supabase.from("courses").update(record).eq("id", id) : supabase.from("courses").insert(record);
  const { data, error } = await query.select("*").single();
  if (error) throw new Error(explainWriteError(error, "course"));
  return data;
}
