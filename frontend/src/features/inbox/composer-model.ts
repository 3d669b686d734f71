/** The message composer's rules: which mode each channel is in, the approved templates, what can be sent. */
import type { WhatsAppWindow } from "./inbox-model";

export type ComposerChannel = "email" | "whatsapp";

/** The course templates the service sends on their own (POST /admin/leads/<id>/template-messages). */
export const COURSE_TEMPLATES = [
  { value: "follow_up_day_1", label: "Follow-up: still interested in the course?" },
  { value: "follow_up_day_3", label: "Follow-up: the batch start date" },
  { value: "follow_up_day_7", label: "Follow-up: last reminder before the batch starts" },
] as const;
export type CourseTemplate = (typeof COURSE_TEMPLATES)[number]["value"];

export type ComposerMode = "free" | "template";

/**
 * Free text on email always; on WhatsApp only while the contact's own 24-hour window is open (the
 * service refuses free text otherwise, so the composer offers the approved templates instead).
 */
export function composerMode(channel: ComposerChannel, windows: WhatsAppWindow[] | undefined): ComposerMode {
  if (channel === "email") return "free";
  return windows?.some((window) => window.party === "self" && window.open) ? "free" : "template";
}

export const BODY_MAX = 4000;
export const SUBJECT_MAX = 200;

export interface Draft {
  subject: string;
  body: string;
}

export interface DraftProblem {
  field: keyof Draft;
  message: string;
}

/** What is wrong with a free-text draft (the field and why), or null when it can be sent. */
export function draftProblem(channel: ComposerChannel, draft: Draft): DraftProblem | null {
  if (channel === "email" && !draft.subject.trim()) return { field: "subject", message: "Give the email a subject." };
  if (channel === "email" && draft.subject.length > SUBJECT_MAX) return { field: "subject", message: `Keep the subject under ${SUBJECT_MAX} characters.` };
  if (!draft.body.trim()) return { field: "body", message: "Write a message first." };
  if (draft.body.length > BODY_MAX) return { field: "body", message: `Keep the message under ${BODY_MAX.toLocaleString("en-IN")} characters.` };
  return null;
}
