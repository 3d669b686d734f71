/** The CSV import as the page sees it (contract C1): file checks, the lead_imports row, progress. */
import { z } from "zod";
import type { Database } from "@/lib/database.types";

export type LeadImport = Database["public"]["Tables"]["lead_imports"]["Row"];
export type ImportStatus = Database["public"]["Enums"]["import_status"];

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file cannot be imported, or null when it looks like a CSV of an acceptable size. */
export function fileProblem(file: { name: string; size: number; type: string }): string | null {
  const csvName = /\.csv$/i.test(file.name);
  const csvType = ["", "text/csv", "application/vnd.ms-excel", "text/plain", "application/csv"].includes(file.type);
  if (!csvName || !csvType) return `“${file.name}” is not a CSV file. Export the sheet as CSV (comma-separated), then choose that file.`;
  if (file.size === 0) return `“${file.name}” is empty. Choose the file with your leads.`;
  if (file.size > MAX_FILE_BYTES) return `“${file.name}” is larger than 20 MB. Split it into smaller files and import them one by one.`;
  return null;
}

/** Where the browser uploads the file in the `imports` bucket: a fresh folder, the file's own name. */
export function uploadPath(folder: string, fileName: string): string {
  return `${folder}/${fileName.replace(/[\\/]/g, "_")}`;
}

const previewRow = z
  .object({
    line: z.number().int(),
    full_name: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    city: z.string().nullish(),
    error: z.string().nullish(),
    merged_into_line: z.number().int().nullish(),
  })
  .loose();

const optionsSchema = z
  .object({
    headers: z.array(z.string()).optional(),
    fields: z.array(z.string()).optional(),
    total_rows: z.number().int().nullish(),
    preview: z.array(previewRow).optional(),
    duplicates_in_file: z.number().int().optional(),
    existing_matches: z.number().int().optional(),
    start_sequence: z.boolean().optional(),
  })
  .loose();

export type ImportOptions = z.infer<typeof optionsSchema>;
export type PreviewRow = z.infer<typeof previewRow>;

/** The row's options as the page reads them; anything malformed reads as absent. */
export function readOptions(row: Pick<LeadImport, "options">): ImportOptions {
  const parsed = optionsSchema.safeParse(row.options);
  return parsed.success ? parsed.data : {};
}

/** The column → field mapping recorded on the row (only string pairs). */
export function readMapping(row: Pick<LeadImport, "column_mapping">): Record<string, string> {
  const value = row.column_mapping;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === "string"));
}

/** A fraction 0..1 of the file read, or null while the total is unknown. */
export function progress(row: Pick<LeadImport, "rows_read" | "options">): number | null {
  const total = readOptions(row).total_rows;
  if (!total) return null;
  return Math.min(1, row.rows_read / total);
}

/** Whether the page should keep asking: the worker has not finished this row's job yet. */
export function inFlight(status: ImportStatus, awaitingStart: boolean): boolean {
  return status === "uploaded" || status === "importing" || (awaitingStart && status !== "completed" && status !== "failed" && status !== "cancelled");
}

/** Two mappings are the same when every header maps to the same field (ignored headers left out). */
export function sameMapping(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? "") === (b[key] ?? ""));
}

export const FIELD_LABELS: Record<string, string> = {
  full_name: "Name",
  email: "Email",
  phone: "Phone",
  city: "City",
  notes: "Notes",
};
