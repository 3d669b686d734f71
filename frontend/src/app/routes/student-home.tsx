/** /student/home */
import { StudentHomePage } from "@/features/student/components/student-home-page";
import { StudentSession } from "./student-session";

export function Component() {
  return <StudentSession page={StudentHomePage} />;
}
