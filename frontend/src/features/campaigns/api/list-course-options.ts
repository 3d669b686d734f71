/** Every course's id and title, for choosing a campaign's segment. */
import { supabase } from "@/lib/supabase";

export async function listCourseOptions(): Promise<{ id: string; title: string }[]> {
  const { data, error } = await supabase.from("courses").select("id, title").order("title");
  if (error) throw error;
  return data;
}
