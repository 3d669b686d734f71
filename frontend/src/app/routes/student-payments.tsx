/** /student/payments */
import { StudentPaymentsPage } from "@/features/student/components/student-payments-page";
import { StudentSession } from "./student-session";

export function Component() {
  return <StudentSession page={StudentPaymentsPage} />;
}
