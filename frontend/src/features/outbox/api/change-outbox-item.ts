/**
 * Pause, resume, retry or cancel one outbox row through the service, which also updates the row's
 * timeline message (a cancelled one says it was not sent; a retried one is queued again).
 */
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError } from "@/lib/service-error";
import type { OutboxAction, OutboxItem } from "../outbox-item";

export class OutboxItemMovedError extends Error {
  constructor() {
    super("A worker or another admin changed this item meanwhile; the list now shows its current state.");
    this.name = "OutboxItemMovedError";
  }
}

/** Raises OutboxItemMovedError when the row is no longer in a status the action applies to (409). */
export async function changeOutboxItem(item: Pick<OutboxItem, "id">, action: OutboxAction): Promise<void> {
  try {
    await requestAdminService(`/admin/outbox/${item.id}/${action}`, { method: "POST" });
  } catch (error) {
    if (error instanceof ServiceError && error.status === 409) throw new OutboxItemMovedError();
    throw error;
  }
}
