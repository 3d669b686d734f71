/** Uploads a syllabus PDF to the public course-files bucket at <course id>/<file> and links it. */
import { supabase } from "@/lib/supabase";

export const SYLLABUS_MAX_BYTES = 20 * 1024 * 1024;

/** The object name: the course's folder, a safe version of the file's name. */
export function syllabusPath(courseId: string, fileName: string): string {
  const base = fileName.toLowerCase().replace(/\.pdf$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "syllabus";
  return `${courseId}/${base.slice(0, 60)}.pdf`;
}

export async function uploadSyllabus(courseId: string, file: File): Promise<string> {
  if (file.type !== "application/pdf") throw new Error("Choose a PDF file.");
  if (file.size > SYLLABUS_MAX_BYTES) throw new Error("The file is over 20 MB. Choose a smaller PDF.");
  const path = syllabusPath(courseId, file.name);
  const upload = await supabase.storage.from("course-files").upload(path, file, { upsert: true, contentType: "application/pdf" });
  if (upload.error) throw upload.error;
  const { error } = await supabase.from("courses").update({ syllabus_path: path }).eq("id", courseId);
  if (error) throw error;
  return path;
}
