/** /admin/courses: every course with its batches; create, edit, publish, upload syllabi, delete. */
import { Button } from "@/components/ui/button";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { useCenterTimeZone, useCourses, useInstructors } from "../hooks/use-courses";
import { CourseCard } from "./course-card";
import { CourseDialog } from "./course-dialog";

export function CoursesPage() {
  const courses = useCourses();
  const instructors = useInstructors();
  const timezone = useCenterTimeZone();
  const failed = [courses, instructors, timezone].find((query) => query.isError);

  let body;
  if (failed) {
    body = (
      <PageError title="Courses could not be loaded" onRetry={() => void Promise.all([courses.refetch(), instructors.refetch(), timezone.refetch()])}>
        {failed.error.message} Check your connection and try again.
      </PageError>
    );
  } else if (!courses.data || !instructors.data || !timezone.data) {
    body = <PageLoading label="Loading courses…" />;
  } else if (courses.data.length === 0) {
    body = <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">No courses yet. Create the first one; it stays a draft until you publish it.</p>;
  } else {
    body = courses.data.map((course) => <CourseCard key={course.id} course={course} instructors={instructors.data} timezone={timezone.data} />);
  }

  return (
    <div className="grid gap-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-semibold">Courses & batches</h1>
          <p className="text-slate-600">What the center sells and when it is taught. Schedules are in the center's time zone.</p>
        </div>
        <CourseDialog course={null} trigger={<Button>New course</Button>} />
      </header>
      {body}
    </div>
  );
}
