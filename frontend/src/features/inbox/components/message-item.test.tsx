// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TimelineMessage } from "../inbox-model";
import { MessageItem } from "./message-item";

afterEach(cleanup);

const base: TimelineMessage = {
  id: "m1",
  conversation_id: "c1",
  party: "self",
  channel: "whatsapp",
  direction: "outbound",
  subject: null,
  body: "Your class starts at 6 pm",
  template: null,
  status: "delivered",
  provider: "aisensy",
  provider_message_id: null,
  error: null,
  author_id: null,
  campaign_id: null,
  created_at: "2026-11-22T04:00:00Z",
  sent_at: null,
  delivered_at: null,
  read_at: null,
  failed_at: null,
  updated_at: "2026-11-22T04:00:00Z",
  call: null,
  whatsapp: null,
  email: null,
  author: null,
  claimed_sender: null,
};

function renderItem(message: TimelineMessage) {
  render(
    <ol>
      <MessageItem message={message} timeZone="Asia/Kolkata" />
    </ol>,
  );
}

describe("MessageItem", () => {
  it("shows delivery ticks and the time in the viewer's zone", () => {
    renderItem(base);
    expect(screen.getByText("Delivered")).toBeTruthy();
    expect(screen.getByText(/9:30\sam/)).toBeTruthy();
    expect(screen.getByText("Automation")).toBeTruthy();
  });

  it("shows a failure loudly with the provider's reason", () => {
    renderItem({ ...base, status: "failed", whatsapp: { failure_code: "131047", failure_reason: "Outside the 24-hour window" } });
    expect(screen.getByRole("alert").textContent).toBe("Failed: Outside the 24-hour window (code 131047)");
  });

  it("shows a call's outcome, recording and transcript", () => {
    renderItem({
      ...base,
      channel: "call",
      status: "sent",
      body: null,
      call: {
        status: "completed",
        started_at: null,
        ended_at: null,
        duration_seconds: 125,
        recording_url: "https://recordings.example.test/1.mp3",
        transcript: "Agent: Hello",
        summary: "Wants the weekend batch",
        disposition: "book_demo",
      },
    });
    expect(screen.getByText("Wants the weekend batch")).toBeTruthy();
    expect(screen.getByText("book_demo")).toBeTruthy();
    expect(screen.getByText("2 min 05 s")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Open the recording" }).getAttribute("href")).toBe("https://recordings.example.test/1.mp3");
    expect(screen.getByText("Agent: Hello")).toBeTruthy();
  });

  it("says an email whose sender nothing verified is unverified instead of naming the contact", () => {
    renderItem({ ...base, channel: "email", direction: "inbound", status: "received", body: "START", claimed_sender: "asha@example.com" });
    expect(screen.getByText("Unverified sender")).toBeTruthy();
    expect(screen.queryByText("Contact")).toBeNull();
    expect(screen.getByText(/says it is from asha@example\.com/)).toBeTruthy();
    expect(screen.getByText(/a STOP or START in it\s+changed no consent/)).toBeTruthy();
  });

  it("labels a parent's inbound message and shows no ticks", () => {
    renderItem({ ...base, direction: "inbound", party: "parent", status: "received" });
    expect(screen.getByText("Parent")).toBeTruthy();
    expect(screen.queryByText("Delivered")).toBeNull();
  });
});
