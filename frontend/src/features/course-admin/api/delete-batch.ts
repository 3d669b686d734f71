/** Deletes a batch; the database refuses while it has enrollments or payments (said as a sentence). */
import { supabase } from "@/lib/supabase";
import { explainWriteError } from "../course-model";

export async function deleteBatch(id: string): Promise<void> {
  const { data, error } = await supabase.from("batches").delete().eq("id", id).select("id");
  if (error) throw new Error(explainWriteError(error, "batch"));
  if (data.length === 0) throw new Error("The batch was already gone; the list now shows the current batches.");
}
