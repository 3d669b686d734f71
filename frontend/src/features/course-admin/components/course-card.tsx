/** One course: its fee, state and actions, and a table of its batches with theirs. */
import { useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast-store";
import { formatMoney } from "@/lib/format/money";
import { formatCalendarDay } from "@/lib/format/time";
import type { Instructor } from "../api/list-instructors";
import { describeSchedule, type BatchRow, type CourseWithBatches } from "../course-model";
import { useDeleteBatch, useDeleteCourse, useSetPublished, useUploadSyllabus } from "../hooks/use-courses";
import { BatchDialog } from "./batch-dialog";
import { CourseDialog } from "./course-dialog";

interface CourseCardProps {
  course: CourseWithBatches;
  instructors: Instructor[];
  timezone: string;
}

const STATUS_TONES = { planned: "neutral", open: "info", running: "success", completed: "neutral", cancelled: "danger" } as const;

function seats(batch: BatchRow): string {
  return batch.capacity ? `${String(batch.active_enrollments)} of ${String(batch.capacity)} seats` : `${String(batch.active_enrollments)} enrolled, no limit`;
}

function BatchItem({ batch, course, instructors, timezone }: CourseCardProps & { batch: BatchRow }) {
  const remove = useDeleteBatch();
  const instructor = instructors.find((person) => person.id === batch.instructor_id);
  return (
    <li className="grid gap-2 border-t border-slate-200 py-3 sm:grid-cols-[1fr_auto] sm:items-center" aria-label={batch.name}>
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{batch.name}</span>
          <Badge tone={STATUS_TONES[batch.status]}>{batch.status}</Badge>
        </div>
        <p className="text-sm text-slate-600">
          {formatCalendarDay(batch.starts_on)}
          {batch.ends_on ? ` to ${formatCalendarDay(batch.ends_on)}` : ""} · {describeSchedule(batch.weekly_pattern)} ({batch.timezone}) · {seats(batch)} ·{" "}
          {instructor?.full_name ?? (batch.instructor_id ? "Instructor" : "No instructor yet")}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <BatchDialog courseId={course.id} batch={batch} timezone={timezone} instructors={instructors} trigger={<Button variant="outline" size="sm">Edit {batch.name}</Button>} />
        <ConfirmDialog
          trigger={<Button variant="outline" size="sm">Delete {batch.name}</Button>}
          title={`Delete ${batch.name}?`}
          description="Its sessions, assignments and exams are deleted with it. A batch with enrollments or payments cannot be deleted; cancel it instead."
          confirmLabel="Delete batch"
          onConfirm={() => remove.mutateAsync({ id: batch.id, name: batch.name })}
        />
      </div>
    </li>
  );
}

function SyllabusButton({ course }: { course: CourseWithBatches }) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadSyllabus();
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/pdf"
        className="sr-only"
        tabIndex={-1}
        aria-label={`Syllabus PDF for ${course.title}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          upload.mutate(
            { courseId: course.id, file },
            { onError: (error) => toast({ tone: "error", title: "The syllabus was not uploaded", description: `${error.message} Try again.` }) },
          );
        }}
      />
      <Button variant="outline" size="sm" busy={upload.isPending} onClick={() => input.current?.click()}>
        {course.syllabus_path ? "Replace syllabus" : "Upload syllabus"}
      </Button>
    </>
  );
}

export function CourseCard({ course, instructors, timezone }: CourseCardProps) {
  const publish = useSetPublished();
  const remove = useDeleteCourse();
  const togglePublished = () => {
    publish.mutate(
      { id: course.id, published: !course.published, title: course.title },
      { onError: (error) => toast({ tone: "error", title: "Nothing was changed", description: error.message }) },
    );
  };
  return (
    <Card aria-label={course.title}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>{course.title}</CardTitle>
          <Badge tone={course.published ? "success" : "neutral"}>{course.published ? "Published" : "Draft"}</Badge>
        </div>
        <CardDescription>
          {formatMoney(course.price_paise, course.currency)} · /courses/{course.slug}
          {course.duration_weeks ? ` · ${String(course.duration_weeks)} weeks` : ""} · {course.syllabus_path ? "Syllabus on file" : "No syllabus yet"}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {course.summary ? <p className="text-sm text-slate-700">{course.summary}</p> : null}
        <div className="flex flex-wrap gap-2">
          <CourseDialog course={course} trigger={<Button variant="outline" size="sm">Edit course</Button>} />
          <Button variant="outline" size="sm" busy={publish.isPending} onClick={togglePublished}>
            {course.published ? "Unpublish" : "Publish"}
          </Button>
          <SyllabusButton course={course} />
          <BatchDialog courseId={course.id} batch={null} timezone={timezone} instructors={instructors} trigger={<Button size="sm">New batch</Button>} />
          <ConfirmDialog
            trigger={<Button variant="outline" size="sm">Delete course</Button>}
            title={`Delete ${course.title}?`}
            description="The course and its page are removed for good. A course that still has batches cannot be deleted."
            confirmLabel="Delete course"
            onConfirm={() => remove.mutateAsync({ id: course.id, title: course.title })}
          />
        </div>
        {course.batches.length === 0 ? (
          <p className="text-sm text-slate-600">No batches yet. Add one so students can enroll.</p>
        ) : (
          <ul className="grid" aria-label={`Batches of ${course.title}`}>
            {course.batches.map((batch) => (
              <BatchItem key={batch.id} batch={batch} course={course} instructors={instructors} timezone={timezone} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
