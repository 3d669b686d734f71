/** The signed-in student's enrollments with their batch and course (RLS: only their own). */
import { supabase } from "@/lib/supabase";
import type { EnrolledBatch } from "../student-portal";

export async function listMyBatches(studentId: string): Promise<EnrolledBatch[]> {
  const { data, error } = await supabase
    .from("enrollments")
    .select("id, status, batch:batches(id, name, starts_on, ends_on, timezone, course:courses!batches_course_id_fkey(title, slug))")
    .eq("student_id", studentId)
    .order("enrolled_at", { ascending: false });
  if (error) throw error;
  return data.map((row) => ({ enrollmentId: row.id, status: row.status, batch: row.batch }));
}
