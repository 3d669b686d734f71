// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestAdminService } from "@/lib/admin-service";
import { ServiceError, unreachable } from "@/lib/service-error";
import { CampaignComposer } from "./campaign-composer";

vi.mock("@/lib/supabase", () => ({ supabase: {} }));
vi.mock("@/lib/admin-service", () => ({ requestAdminService: vi.fn() }));
vi.mock("../api/list-course-options", () => ({ listCourseOptions: vi.fn(() => Promise.resolve([])) }));

const PREVIEW = { matched: 3, reachable: 3, excluded: {}, sample: [], excluded_sample: [] };

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

/** The service: previews answer at once; each campaign request fails with the next error. */
function serve(...failures: Error[]) {
  vi.mocked(requestAdminService).mockImplementation((path) =>
    path === "/admin/audiences/preview" ? Promise.resolve(PREVIEW) : Promise.reject(failures.shift() ?? unreachable()),
  );
}

function campaignIds(): unknown[] {
  return vi.mocked(requestAdminService).mock.calls
    .filter(([path]) => path === "/admin/campaigns")
    .map(([, options]) => (options?.body as { request_id: string }).request_id);
}

function renderComposer() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CampaignComposer dayStart={(day) => `${day}T00:00:00+05:30`} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function confirmSend(times: number) {
  const open = screen.getByRole("button", { name: "Send campaign" });
  await waitFor(() => { expect(open.hasAttribute("disabled")).toBe(false); });
  await userEvent.click(open);
  for (let attempt = 0; attempt < times; attempt++) {
    const before = campaignIds().length;
    await userEvent.click(await screen.findByRole("button", { name: "Send now" }));
    await waitFor(() => { expect(campaignIds()).toHaveLength(before + 1); });
  }
}

describe("CampaignComposer", () => {
  it("resends a failed campaign with its id, and uses a new id once the campaign is changed", async () => {
    serve();
    renderComposer();
    await userEvent.type(screen.getByLabelText("Campaign name"), "Batch starts soon");
    await confirmSend(2);
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await userEvent.type(screen.getByLabelText("Campaign name"), " (Sunday)");
    await confirmSend(1);
    const [first, retried, changed] = campaignIds();
    expect(retried).toBe(first);
    expect(changed).not.toBe(first);
  });

  it("says what to do when the service refuses the id as another campaign's, and sends again with a new one", async () => {
    serve(new ServiceError(409, "request_id_reused", "request_id 'x' was already used for a different campaign"));
    renderComposer();
    await userEvent.type(screen.getByLabelText("Campaign name"), "Batch starts soon");
    await confirmSend(1);
    expect(await screen.findByText(/Nothing was sent: the service took this for a repeat of an earlier, different request\. Send it again/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Send now" }));
    await waitFor(() => { expect(campaignIds()).toHaveLength(2); });
    const [refused, resent] = campaignIds();
    expect(resent).not.toBe(refused);
  });
});
