/** Imports a previewed file (its previewed mapping when `mapping` is null). */
import { postAsUser } from "@/lib/service-as-user";
import { UnexpectedAnswerError } from "@/lib/service-error";
import { acceptedSchema } from "./request-import";

export async function startImport(id: string, mapping: Record<string, string> | null, startSequence: boolean): Promise<void> {
  const answer = await postAsUser(`/admin/lead-imports/${encodeURIComponent(id)}/start`, { mapping, start_sequence: startSequence });
  if (!acceptedSchema.safeParse(answer).success) throw new UnexpectedAnswerError("the import");
}
