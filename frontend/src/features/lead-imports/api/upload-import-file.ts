/** Uploads the CSV to the private `imports` bucket (admins only) in a fresh folder; returns its path. */
import { supabase } from "@/lib/supabase";
import { uploadPath } from "../import-model";

export async function uploadImportFile(file: File): Promise<string> {
  const path = uploadPath(crypto.randomUUID(), file.name);
  const { error } = await supabase.storage.from("imports").upload(path, file, { contentType: "text/csv", upsert: false });
  if (error) throw new Error(`The file could not be uploaded (${error.message}). Check your connection, then try again.`);
  return path;
}
