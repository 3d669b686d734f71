/** The signed-in student's payments, newest first, with what each paid for (RLS: only their own). */
import { supabase } from "@/lib/supabase";
import type { StudentPayment } from "../student-payments";

export async function listMyPayments(studentId: string): Promise<StudentPayment[]> {
  const { data, error } = await supabase
    .from("payments")
    .select(
      "id, status, amount_paise, refunded_paise, currency, created_at, paid_at, receipt_number, receipt_path, batch_id, renews, link_closed_at, batch:batches!payments_batch_id_fkey(name, status, course:courses!batches_course_id_fkey(title))",
    )
    .eq("profile_id", studentId)
    .order("created_at", { ascending: false });
  if (error) throw error;
  return data;
}
