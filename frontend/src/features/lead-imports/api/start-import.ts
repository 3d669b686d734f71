/** Imports a previewed file (its previewed mapping when `mapping` is null). */
import { requestAdminService } from "@/lib/admin-service";
import { UnexpectedAnswerError } from "@/lib/service-error";
import { acceptedSchema } from "./request-import";

export async function startImport(id: string, mapping: Record<string, string> | null, startSequence: boolean): Promise<void> {
  const answer = await requestAdminService(`/admin/lead-imports/${encodeURIComponent(id)}/start`, { method: "POST", body: { mapping, start_sequence: startSequence } });
  if (!acceptedSchema.safeParse(answer).success) throw new UnexpectedAnswerError("the import");
}
