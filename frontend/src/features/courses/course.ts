/** A published course as the public pages show it, mapped from its `courses` row. */
import type { Database, Json } from "@/lib/database.types";

type CourseRow = Database["public"]["Tables"]["courses"]["Row"];

export type Syllabus =
  | { kind: "none" }
  | { kind: "link"; url: string }
  | { kind: "text"; paragraphs: string[] }
  | { kind: "modules"; modules: { title: string; topics: string[] }[] };

export interface Course {
  slug: string;
  title: string;
  description: string | null;
  pricePaise: number;
  currency: string;
  syllabus: Syllabus;
}

export const COURSE_COLUMNS = "slug, title, summary, description, price_paise, currency, syllabus_path" as const;

function isRecord(value: Json | undefined): value is { [key: string]: Json | undefined } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: Json | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function toModule(item: Json): { title: string; topics: string[] } | null {
  const title = text(item);
  if (title) return { title, topics: [] };
  if (!isRecord(item)) return null;
  const name = text(item.title) ?? text(item.name);
  if (!name) return null;
  const topics = Array.isArray(item.topics) ? item.topics.map(text).filter((topic) => topic !== null) : [];
  return { title: name, topics };
}

function syllabusItems(value: Json | null): Json[] {
  if (Array.isArray(value)) return value;
  if (value !== null && isRecord(value) && Array.isArray(value.modules)) return value.modules;
  return [];
}

/**
 * Reads the `syllabus` column in the forms an admin may have saved: a link to a file, plain text,
 * a list of topics, or a list of modules ({title, topics}). Anything else shows no syllabus.
 */
export function toSyllabus(value: Json | null): Syllabus {
  const single = text(value ?? undefined);
  if (single) {
    if (/^https?:\/\//i.test(single)) return { kind: "link", url: single };
    return { kind: "text", paragraphs: single.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean) };
  }
  const modules = syllabusItems(value).map(toModule).filter((module) => module !== null);
  return modules.length > 0 ? { kind: "modules", modules } : { kind: "none" };
}

/** `syllabus` is what the course offers as its syllabus: the public URL of its file, or null. */
export function toCourse(row: Pick<CourseRow, "slug" | "title" | "description" | "price_paise" | "currency"> & { syllabus: Json | null }): Course {
  return {
    slug: row.slug,
    title: row.title,
    description: text(row.description),
    pricePaise: row.price_paise,
    currency: row.currency,
    syllabus: toSyllabus(row.syllabus),
  };
}
