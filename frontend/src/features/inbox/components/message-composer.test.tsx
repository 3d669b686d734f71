// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Toaster } from "@/components/ui/toaster";
import { ServiceError, unreachable } from "@/lib/service-error";
import { getWhatsAppWindows } from "../api/get-whatsapp-windows";
import { sendLeadMessage } from "../api/send-lead-message";
import { sendLeadTemplate } from "../api/send-lead-template";
import { whatsappWindow } from "../inbox-model";
import { MessageComposer } from "./message-composer";

vi.mock("@/lib/supabase", () => ({ supabase: {} }));
vi.mock("@/lib/admin-service", () => ({ requestAdminService: vi.fn() }));
vi.mock("../api/get-whatsapp-windows", () => ({ getWhatsAppWindows: vi.fn() }));
vi.mock("../api/send-lead-message", () => ({ sendLeadMessage: vi.fn(() => Promise.resolve()) }));
vi.mock("../api/send-lead-template", () => ({ sendLeadTemplate: vi.fn(() => Promise.resolve()) }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function renderComposer(lastInboundAt: string | null) {
  vi.mocked(getWhatsAppWindows).mockResolvedValue([whatsappWindow("self", lastInboundAt, new Date())]);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MessageComposer leadId="lead-1" conversationId="conversation-1" />
      <Toaster />
    </QueryClientProvider>,
  );
}

describe("MessageComposer", () => {
  it("offers only the approved templates while WhatsApp's window is closed", async () => {
    renderComposer(null);
    await userEvent.click(screen.getByRole("tab", { name: "WhatsApp" }));
    await screen.findByText("WhatsApp's 24-hour window is closed");
    expect(screen.queryByLabelText("Message")).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText("Template"), "follow_up_day_7");
    await userEvent.click(screen.getByRole("button", { name: "Send template" }));
    await waitFor(() => { expect(sendLeadTemplate).toHaveBeenCalledWith("lead-1", "whatsapp", "follow_up_day_7", expect.any(String)); });
    expect(sendLeadMessage).not.toHaveBeenCalled();
  });

  it("writes WhatsApp freely while the contact's window is open", async () => {
    renderComposer(new Date(Date.now() - 60 * 60 * 1000).toISOString());
    await userEvent.click(screen.getByRole("tab", { name: "WhatsApp" }));
    await userEvent.type(await screen.findByLabelText("Message"), "Saturdays at 10");
    await userEvent.click(screen.getByRole("button", { name: "Send WhatsApp" }));
    await waitFor(() => {
      expect(sendLeadMessage).toHaveBeenCalledWith("lead-1", "whatsapp", { subject: "", body: "Saturdays at 10" }, expect.any(String));
    });
  });

  it("asks an email for its subject before sending, and uses a new request id for the next message", async () => {
    renderComposer(null);
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    expect(await screen.findByText("Give the email a subject.")).toBeTruthy();
    expect(sendLeadMessage).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText("Subject"), "Fees");
    await userEvent.type(screen.getByLabelText("Message"), "₹4,999 in two parts.");
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(1); });
    await waitFor(() => { expect(screen.getByLabelText<HTMLTextAreaElement>("Message").value).toBe(""); });
    await userEvent.type(screen.getByLabelText("Subject"), "Again");
    await userEvent.type(screen.getByLabelText("Message"), "Second");
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(2); });
    const [first, second] = vi.mocked(sendLeadMessage).mock.calls;
    expect(first?.[3]).not.toBe(second?.[3]);
  });

  it("sends the same email again with its id after a failure, and with a new id once it is edited", async () => {
    vi.mocked(sendLeadMessage).mockRejectedValueOnce(unreachable()).mockRejectedValueOnce(unreachable());
    renderComposer(null);
    await userEvent.type(screen.getByLabelText("Subject"), "Fees");
    await userEvent.type(screen.getByLabelText("Message"), "₹4,999 in two parts.");
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(1); });
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(2); });
    await userEvent.type(screen.getByLabelText("Message"), " Or in one.");
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(3); });
    const [first, retried, edited] = vi.mocked(sendLeadMessage).mock.calls.map((call) => call[3]);
    expect(retried).toBe(first);
    expect(edited).not.toBe(first);
  });

  it("takes a new id when another template is picked after a failure", async () => {
    vi.mocked(sendLeadTemplate).mockRejectedValueOnce(unreachable());
    renderComposer(null);
    await userEvent.click(screen.getByRole("tab", { name: "WhatsApp" }));
    await userEvent.click(await screen.findByRole("button", { name: "Send template" }));
    await waitFor(() => { expect(sendLeadTemplate).toHaveBeenCalledTimes(1); });
    await userEvent.selectOptions(screen.getByLabelText("Template"), "follow_up_day_7");
    await userEvent.click(screen.getByRole("button", { name: "Send template" }));
    await waitFor(() => { expect(sendLeadTemplate).toHaveBeenCalledTimes(2); });
    const [first, other] = vi.mocked(sendLeadTemplate).mock.calls.map((call) => call[3]);
    expect(other).not.toBe(first);
  });

  it("says what to do when the service refuses the id as used for another message, then sends with a new one", async () => {
    const reused = new ServiceError(409, "request_id_reused", "request_id 'x' was already used for a different message");
    vi.mocked(sendLeadMessage).mockRejectedValueOnce(reused);
    renderComposer(null);
    await userEvent.type(screen.getByLabelText("Subject"), "Fees");
    await userEvent.type(screen.getByLabelText("Message"), "₹4,999 in two parts.");
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    expect(await screen.findByText(/Nothing was sent: the service took this for a repeat of an earlier, different request\. Send it again/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Send email" }));
    await waitFor(() => { expect(sendLeadMessage).toHaveBeenCalledTimes(2); });
    const [refused, resent] = vi.mocked(sendLeadMessage).mock.calls.map((call) => call[3]);
    expect(resent).not.toBe(refused);
  });
});
