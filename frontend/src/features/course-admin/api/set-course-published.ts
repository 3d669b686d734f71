/** Publishes a course (its page and open batches become public) or takes it back to draft. */
import { supabase } from "@/lib/supabase";
import { explainWriteError } from "../course-model";

export async function setCoursePublished(id: string, published: boolean): Promise<void> {
  const { error } = await supabase.from("courses").update({ published }).eq("id", id);
  if (error) throw new Error(explainWriteError(error, "course"));
}
