/** Deletes a course; the database refuses while it has batches (said as a sentence). */
import { supabase } from "@/lib/supabase";
import { explainWriteError } from "../course-model";

export async function deleteCourse(id: string): Promise<void> {
  const { data, error } = await supabase.from("courses").delete().eq("id", id).select("id");
  if (error) throw new Error(explainWriteError(error, "course"));
  if (data.length === 0) throw new Error("The course was already gone; the list now shows the current courses.");
}
