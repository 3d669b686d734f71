/** Pause, resume, retry or cancel one outbox row, only if it is still in the status the admin saw. */
import { supabase } from "@/lib/supabase";
import { changeFor, type OutboxAction, type OutboxItem } from "../outbox-item";

export class OutboxItemMovedError extends Error {
  constructor() {
    super("A worker or another admin changed this item meanwhile; the list now shows its current state.");
    this.name = "OutboxItemMovedError";
  }
}

/** Raises OutboxItemMovedError when the row left its status first (e.g. a worker claimed it). */
export async function changeOutboxItem(item: Pick<OutboxItem, "id" | "status">, action: OutboxAction): Promise<void> {
  const { data, error } = await supabase
    .from("outbox")
    .update(changeFor(action, item.status, new Date()))
    .eq("id", item.id)
    .eq("status", item.status)
    .select("id");
  if (error) throw error;
  if (data.length === 0) throw new OutboxItemMovedError();
}
