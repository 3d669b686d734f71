/** One page of enrollments that a payment created, newest first, with the student, batch and payment. */
import { supabase } from "@/lib/supabase";

export const PAID_STUDENTS_PAGE_SIZE = 25;

const COLUMNS =
  "id, status, enrolled_at, activated_at, student:profiles!enrollments_student_id_fkey(full_name, email, phone), batch:batches!enrollments_batch_id_fkey(name, course:courses!batches_course_id_fkey(title)), payment:payments!enrollments_payment_id_fkey(amount_paise, refunded_paise, currency, paid_at, receipt_number)";

export async function listPaidStudents(page: number) {
  const from = page * PAID_STUDENTS_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from("enrollments")
    .select(COLUMNS, { count: "exact" })
    .not("payment_id", "is", null)
    .order("enrolled_at", { ascending: false })
    .order("id")
    .range(from, from + PAID_STUDENTS_PAGE_SIZE - 1);
  if (error) throw error;
  return { rows: data, total: count ?? data.length };
}

export type PaidStudentRow = Awaited<ReturnType<typeof listPaidStudents>>["rows"][number];
