/** /courses/:slug — a published course and the form to say "I'm interested". */
import { useMemo } from "react";
import { useLocation, useParams } from "react-router";
import { PublicLayout } from "@/components/layouts/public-layout";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { CourseDetails, CourseDetailsSkeleton } from "@/features/courses/components/course-details";
import { usePublishedCourse } from "@/features/courses/hooks/use-published-course";
import { usePublishedCourses } from "@/features/courses/hooks/use-published-courses";
import { LeadForm } from "@/features/leads/components/lead-form";
import { captureUtm } from "@/lib/utm";

export function Component() {
  const { slug = "" } = useParams();
  const { search } = useLocation();
  const utm = useMemo(() => captureUtm(search, window.sessionStorage), [search]);
  const course = usePublishedCourse(slug);
  const catalog = usePublishedCourses();

  if (course.isError) {
    return (
      <PublicLayout>
        <PageError title="This course could not be loaded" onRetry={() => void course.refetch()}>
          Check your connection and try again.
        </PageError>
      </PublicLayout>
    );
  }
  if (course.isSuccess && course.data === null) {
    return (
      <PublicLayout>
        <Card className="mx-auto max-w-xl">
          <CardHeader>
            <CardTitle asChild>
              <h1>This course is not open</h1>
            </CardTitle>
            <CardDescription>It may have ended, or the link may be mistyped. Ask the center for the current link.</CardDescription>
          </CardHeader>
        </Card>
      </PublicLayout>
    );
  }

  const courses = catalog.data ?? (course.data ? [{ slug: course.data.slug, title: course.data.title }] : []);
  return (
    <PublicLayout>
      <div className="grid gap-8 lg:grid-cols-[1fr_24rem] lg:items-start">
        {course.data ? <CourseDetails course={course.data} /> : <CourseDetailsSkeleton />}
        <Card className="lg:sticky lg:top-6">
          <CardHeader>
            <CardTitle>Interested? Tell us how to reach you</CardTitle>
            <CardDescription>We'll answer your questions and send the next batch's dates.</CardDescription>
          </CardHeader>
          <CardContent>
            {course.data ? (
              <LeadForm courses={courses} courseSlug={course.data.slug} utm={utm} />
            ) : (
              <Skeleton className="h-80 w-full" />
            )}
          </CardContent>
        </Card>
      </div>
    </PublicLayout>
  );
}
