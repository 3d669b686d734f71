/**
 * Courses and batches as the admin edits them: form rules (zod), rupees ⇄ paise, the weekly
 * schedule ⇄ batches.weekly_pattern, and database refusals turned into sentences.
 */
import * as z from "zod/mini";
import type { Database, Json } from "@/lib/database.types";
import { MAX_FEE_PAISE, paiseToRupees, rupeesToPaise } from "@/lib/validation/rupees";

type Tables = Database["public"]["Tables"];
export type CourseRow = Tables["courses"]["Row"];
export type BatchRow = Tables["batches"]["Row"];
export type BatchStatus = Database["public"]["Enums"]["batch_status"];
export type CourseWithBatches = CourseRow & { batches: BatchRow[] };

export const BATCH_STATUSES: BatchStatus[] = ["planned", "open", "running", "completed", "cancelled"];
export const STATUS_LABELS: Record<BatchStatus, string> = {
  planned: "Planned",
  open: "Open for enrollment",
  running: "Running",
  completed: "Completed",
  cancelled: "Cancelled",
};
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "Spoken English: Level 1" → "spoken-english-level-1". */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

const optionalWhole = (min: number, max: number, message: string) =>
  z.string().check(z.refine((value) => value.trim() === "" || (/^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max), message));

export const courseSchema = z.object({
  title: z.string().check(z.refine((value) => value.trim().length >= 1 && value.trim().length <= 200, "Enter a title of up to 200 characters.")),
  slug: z.string().check(z.refine((value) => SLUG.test(value), "Use lowercase letters, digits and single hyphens, such as spoken-english.")),
  summary: z.string().check(z.refine((value) => value.trim().length <= 300, "Keep the summary under 300 characters.")),
  description: z.string().check(z.refine((value) => value.length <= 10000, "Keep the description under 10,000 characters.")),
  price: z
    .string()
    .check(
      z.refine((value) => rupeesToPaise(value) !== null, "Enter the fee in rupees, such as 4999 or 4999.50."),
      z.refine((value) => (rupeesToPaise(value) ?? 0) <= MAX_FEE_PAISE, "A course fee is at most ₹1,00,00,000."),
    ),
  duration_weeks: optionalWhole(1, 104, "Enter whole weeks from 1 to 104, or leave it empty."),
  published: z.boolean(),
});
export type CourseFormValues = z.infer<typeof courseSchema>;

export function courseFormValues(course: CourseRow | null): CourseFormValues {
  return {
    title: course?.title ?? "",
    slug: course?.slug ?? "",
    summary: course?.summary ?? "",
    description: course?.description ?? "",
    price: course ? paiseToRupees(course.price_paise) : "",
    duration_weeks: course?.duration_weeks ? String(course.duration_weeks) : "",
    published: course?.published ?? false,
  };
}

export function courseRecord(values: CourseFormValues): Tables["courses"]["Insert"] {
  return {
    title: values.title.trim(),
    slug: values.slug,
    summary: values.summary.trim() || null,
    description: values.description.trim() || null,
    price_paise: rupeesToPaise(values.price) ?? 0,
    duration_weeks: values.duration_weeks.trim() ? Number(values.duration_weeks) : null,
    published: values.published,
  };
}

export interface WeeklySlot {
  weekday: number;
  start: string;
  minutes: number;
}

/** The stored pattern's slots, skipping anything malformed. */
export function readPattern(pattern: Json): WeeklySlot[] {
  if (!Array.isArray(pattern)) return [];
  return pattern.flatMap((slot) => {
    if (typeof slot !== "object" || slot === null || Array.isArray(slot)) return [];
    const { weekday, start, minutes } = slot;
    if (typeof weekday !== "number" || typeof start !== "string" || typeof minutes !== "number") return [];
    return [{ weekday, start, minutes }];
  });
}

/** "Mon, Thu · 07:00 · 60 min" (slots at other times are listed one by one). */
export function describeSchedule(pattern: Json): string {
  const slots = readPattern(pattern).sort((a, b) => a.weekday - b.weekday);
  if (slots.length === 0) return "No weekly schedule";
  const [first] = slots;
  if (first && slots.every((slot) => slot.start === first.start && slot.minutes === first.minutes)) {
    const days = slots.map((slot) => WEEKDAYS[slot.weekday - 1]).join(", ");
    return `${days} · ${first.start} · ${String(first.minutes)} min`;
  }
  return slots.map((slot) => `${WEEKDAYS[slot.weekday - 1] ?? "?"} ${slot.start} (${String(slot.minutes)} min)`).join(", ");
}

export const batchSchema = z
  .object({
    name: z.string().check(z.refine((value) => value.trim().length >= 1 && value.trim().length <= 200, "Enter a name of up to 200 characters.")),
    starts_on: z.string().check(z.refine((value) => DATE.test(value), "Choose the first day.")),
    ends_on: z.string(),
    weekdays: z.array(z.number()).check(z.refine((days) => days.length > 0, "Choose at least one weekday.")),
    start: z.string().check(z.refine((value) => TIME.test(value), "Enter a start time such as 18:30.")),
    minutes: z.string().check(z.refine((value) => /^\d+$/.test(value) && Number(value) >= 15 && Number(value) <= 600, "Enter 15 to 600 minutes.")),
    capacity: optionalWhole(1, 10000, "Enter a whole number of seats, or leave it empty for no limit."),
    instructor_id: z.string(),
    status: z.enum(["planned", "open", "running", "completed", "cancelled"]),
  })
  .check(
    z.refine((values) => values.ends_on === "" || values.ends_on >= values.starts_on, {
      message: "The last day must be on or after the first.",
      path: ["ends_on"],
    }),
  );
export type BatchFormValues = z.infer<typeof batchSchema>;

export function batchFormValues(batch: BatchRow | null): BatchFormValues {
  const slots = batch ? readPattern(batch.weekly_pattern) : [];
  return {
    name: batch?.name ?? "",
    starts_on: batch?.starts_on ?? "",
    ends_on: batch?.ends_on ?? "",
    weekdays: slots.map((slot) => slot.weekday),
    start: slots[0]?.start ?? "18:00",
    minutes: String(slots[0]?.minutes ?? 60),
    capacity: batch?.capacity ? String(batch.capacity) : "",
    instructor_id: batch?.instructor_id ?? "",
    status: batch?.status ?? "planned",
  };
}

/** The row to write; the schedule is in the center's zone, which the batch records. */
export function batchRecord(values: BatchFormValues, courseId: string, timezone: string): Tables["batches"]["Insert"] {
  const weekly: WeeklySlot[] = [...new Set(values.weekdays)].sort((a, b) => a - b).map((weekday) => ({ weekday, start: values.start, minutes: Number(values.minutes) }));
  return {
    course_id: courseId,
    name: values.name.trim(),
    starts_on: values.starts_on,
    ends_on: values.ends_on || null,
    weekly_pattern: weekly as unknown as Json,
    timezone,
    capacity: values.capacity.trim() ? Number(values.capacity) : null,
    instructor_id: values.instructor_id || null,
    status: values.status,
  };
}

interface DatabaseError {
  code?: string;
  message: string;
  details?: string | null;
}

/** A sentence for a refused write: taken names, rows still in use, invalid instructors. */
export function explainWriteError(error: DatabaseError, what: "course" | "batch"): string {
  if (error.code === "23505") {
    return what === "course" ? "Another course already uses this web address (slug). Choose another." : "This course already has a batch with that name. Choose another.";
  }
  if (error.code === "23503") {
    return what === "course"
      ? "This course still has batches, so it cannot be deleted. Delete its batches first, or unpublish the course instead."
      : "This batch has enrollments or payments, so it cannot be deleted. Set its status to Cancelled instead.";
  }
  if (error.code === "42501") return "Only admins can change courses and batches. Sign in as an admin.";
  return error.message;
}
