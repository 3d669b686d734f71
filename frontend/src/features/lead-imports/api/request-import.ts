/** Asks the service to preview (dry run) or import an uploaded file; the worker does it, the row shows it. */
import { z } from "zod";
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";

export interface ImportAsk {
  filePath: string;
  originalFilename: string;
  /** CSV header → lead field; null lets the service recognize the columns. */
  mapping: Record<string, string> | null;
  dryRun: boolean;
  startSequence: boolean;
}

export const acceptedSchema = z.object({ id: z.string(), status: z.string() });

export async function requestImport(ask: ImportAsk): Promise<string> {
  const answer = await requestAdminService("/admin/lead-imports", { method: "POST", body: {
    file_path: ask.filePath,
    original_filename: ask.originalFilename,
    mapping: ask.mapping,
    dry_run: ask.dryRun,
    start_sequence: ask.startSequence,
  } });
  const parsed = acceptedSchema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedAnswerError("the import");
  return parsed.data.id;
}
