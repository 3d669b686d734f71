/** Creates a batch of a course, or updates the one with `id`, in the center's time zone. */
import { supabase } from "@/lib/supabase";
import { batchRecord, explainWriteError, type BatchFormValues, type BatchRow } from "../course-model";

export async function saveBatch(target: { id: string | null; courseId: string; timezone: string }, values: BatchFormValues): Promise<BatchRow> {
  const record = batchRecord(values, target.courseId, target.timezone);
  const query = target.id ? supabase.from("batches").update(record).eq("id", target.id) : supabase.from("batches").insert(record);
  const { data, error } = await query.select("*").single();
  if (error) throw new Error(explainWriteError(error, "batch"));
  return data;
}
