/** Every course's id and title (published or not), for filtering and assigning leads. */
import { supabase } from "@/lib/supabase";

export interface CourseOption {
  id: string;
  title: string;
}

export async function listCourseOptions(): Promise<CourseOption[]> {
  const { data, error } = await supabase.from("courses").select("id, title").order("title");
  if (error) throw error;
  return data;
}
