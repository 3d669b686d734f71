/** The Courses & batches page's data and writes; every write refreshes the list and says so in a toast. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { deleteBatch } from "../api/delete-batch";
import { deleteCourse } from "../api/delete-course";
import { getCenterTimeZone } from "../api/get-center-timezone";
import { listCourses } from "../api/list-courses";
import { listInstructors } from "../api/list-instructors";
import { saveBatch } from "../api/save-batch";
import { saveCourse } from "../api/save-course";
import { setCoursePublished } from "../api/set-course-published";
import { uploadSyllabus } from "../api/upload-syllabus";
import type { BatchFormValues, CourseFormValues } from "../course-model";

export const courseAdminKeys = {
  courses: ["course-admin", "courses"] as const,
  instructors: ["course-admin", "instructors"] as const,
  timezone: ["course-admin", "timezone"] as const,
};

export function useCourses() {
  return useQuery({ queryKey: courseAdminKeys.courses, queryFn: listCourses });
}

export function useInstructors() {
  return useQuery({ queryKey: courseAdminKeys.instructors, queryFn: listInstructors });
}

export function useCenterTimeZone() {
  return useQuery({ queryKey: courseAdminKeys.timezone, queryFn: getCenterTimeZone });
}

/** A write that refreshes the course list and toasts `done` on success. */
function useCourseWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>, done: (variables: Variables) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (_, variables) => toast({ tone: "success", title: done(variables) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: courseAdminKeys.courses }),
  });
}

export function useSaveCourse() {
  return useCourseWrite(({ id, values }: { id: string | null; values: CourseFormValues }) => saveCourse(id, values), ({ id }) => (id ? "Course saved" : "Course created"));
}

export function useSetPublished() {
  return useCourseWrite(
    ({ id, published }: { id: string; published: boolean; title: string }) => setCoursePublished(id, published),
    ({ published, title }) => (published ? `${title} is published` : `${title} is back to draft`),
  );
}

export function useDeleteCourse() {
  return useCourseWrite(({ id }: { id: string; title: string }) => deleteCourse(id), ({ title }) => `${title} deleted`);
}

export function useUploadSyllabus() {
  return useCourseWrite(({ courseId, file }: { courseId: string; file: File }) => uploadSyllabus(courseId, file), () => "Syllabus uploaded");
}

interface BatchTarget {
  id: string | null;
  courseId: string;
  timezone: string;
}

export function useSaveBatch() {
  return useCourseWrite(({ target, values }: { target: BatchTarget; values: BatchFormValues }) => saveBatch(target, values), ({ target }) => (target.id ? "Batch saved" : "Batch created"));
}

export function useDeleteBatch() {
  return useCourseWrite(({ id }: { id: string; name: string }) => deleteBatch(id), ({ name }) => `${name} deleted`);
}
