// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError, unreachable } from "@/lib/service-error";
import { BulkActions } from "./bulk-actions";

vi.mock("@/lib/supabase", () => ({ supabase: {} }));
vi.mock("@/lib/admin-service", () => ({ requestAdminService: vi.fn() }));
vi.mock("../api/list-sequences", () => ({ listSequences: vi.fn(() => Promise.resolve([])) }));

const PREVIEW = { matched: 2, reachable: 2, excluded: {}, sample: [], excluded_sample: [] };
const CREATED = { id: "campaign-1", recipients: 2, excluded: 0, excluded_reasons: {}, created: true };

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

/** The service: previews answer at once; each campaign request takes the next answer (an Error is thrown). */
function serve(...campaignAnswers: unknown[]) {
  vi.mocked(requestAdminService).mockImplementation((path) => {
    if (path === "/admin/audiences/preview") return Promise.resolve(PREVIEW);
    const answer = campaignAnswers.shift();
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
}

function campaignIds(): unknown[] {
  return vi.mocked(requestAdminService).mock.calls
    .filter(([path]) => path === "/admin/campaigns")
    .map(([, options]) => (options?.body as { request_id: string }).request_id);
}

function withClient(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

async function startCalls() {
  await userEvent.click(screen.getByRole("button", { name: "Start AI calls" }));
  const confirm = await screen.findByRole("button", { name: "Start calls" });
  await waitFor(() => { expect(confirm.hasAttribute("disabled")).toBe(false); });
  await userEvent.click(confirm);
}

describe("BulkActions' sends", () => {
  it("keep a failed send's id when it is confirmed again after reopening, and take a new one for another selection", async () => {
    serve(unreachable(), unreachable(), CREATED);
    const view = render(withClient(<BulkActions audience={{ lead_ids: ["lead-1", "lead-2"] }} count={2} onDone={vi.fn()} />));
    await startCalls();
    expect(await screen.findByText(/The service could not be reached/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await startCalls();
    await waitFor(() => { expect(campaignIds()).toHaveLength(2); });
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    view.rerender(withClient(<BulkActions audience={{ lead_ids: ["lead-1"] }} count={1} onDone={vi.fn()} />));
    await startCalls();
    await waitFor(() => { expect(campaignIds()).toHaveLength(3); });
    const [first, reopened, otherSelection] = campaignIds();
    expect(reopened).toBe(first);
    expect(otherSelection).not.toBe(first);
  });

  it("say what to do when the service refuses the id as another campaign's, and send again with a new one", async () => {
    serve(new ServiceError(409, "request_id_reused", "request_id 'x' was already used for a different campaign"), CREATED);
    render(withClient(<BulkActions audience={{ lead_ids: ["lead-1"] }} count={1} onDone={vi.fn()} />));
    await startCalls();
    expect(await screen.findByText(/Nothing was sent: the service took this for a repeat of an earlier, different request\. Send it again/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Start calls" }));
    await waitFor(() => { expect(campaignIds()).toHaveLength(2); });
    const [refused, resent] = campaignIds();
    expect(resent).not.toBe(refused);
  });
});
