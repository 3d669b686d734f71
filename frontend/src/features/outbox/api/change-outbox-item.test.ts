import { afterEach, describe, expect, it, vi } from "vitest";
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError } from "@/lib/service-error";
import { changeOutboxItem, OutboxItemMovedError } from "./change-outbox-item";

vi.mock("@/lib/admin-service", () => ({ requestAdminService: vi.fn(() => Promise.resolve({ id: "row-1", status: "cancelled" })) }));

afterEach(() => {
  vi.clearAllMocks();
});

describe("changeOutboxItem", () => {
  it("asks the service, which also updates the timeline, rather than changing the row itself", async () => {
    await changeOutboxItem({ id: "row-1" }, "cancel");
    expect(requestAdminService).toHaveBeenCalledWith("/admin/outbox/row-1/cancel", { method: "POST" });
  });

  it("says the row moved when the service refuses the action for its status", async () => {
    vi.mocked(requestAdminService).mockRejectedValueOnce(new ServiceError(409, "refused", "cannot pause an item that is processing"));
    await expect(changeOutboxItem({ id: "row-1" }, "pause")).rejects.toBeInstanceOf(OutboxItemMovedError);
  });

  it("passes other failures on", async () => {
    const unreachable = new ServiceError(0, "unreachable", "The service could not be reached.");
    vi.mocked(requestAdminService).mockRejectedValueOnce(unreachable);
    await expect(changeOutboxItem({ id: "row-1" }, "retry")).rejects.toBe(unreachable);
  });
});
