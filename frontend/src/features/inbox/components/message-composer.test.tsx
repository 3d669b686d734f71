// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
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
});
