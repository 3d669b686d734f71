/** The batches a payment link can be for: those of the course not yet completed or cancelled, soonest first. */
import { supabase } from "@/lib/supabase";

export interface LinkBatch {
  id: string;
  name: string;
  starts_on: string;
  course: { title: string; price_paise: number; currency: string } | null;
}

export async function listCourseBatches(courseId: string): Promise<LinkBatch[]> {
  const { data, error } = await supabase
    .from("batches")
    .select("id, name, starts_on, course:courses!batches_course_id_fkey(title, price_paise, currency)")
    .eq("course_id", courseId)
    .in("status", ["planned", "open", "running"])
    .order("starts_on");
  if (error) throw error;
  return data;
}
