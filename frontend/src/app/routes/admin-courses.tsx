/** /admin/courses */
import { CoursesPage } from "@/features/course-admin/components/courses-page";

export function Component() {
  return <CoursesPage />;
}
