/** /student/profile */
import { StudentProfilePage } from "@/features/student/components/student-profile-page";
import { StudentSession } from "./student-session";

export function Component() {
  return <StudentSession page={StudentProfilePage} />;
}
