/** The student portal's view of their data: batch cards, each batch's next session, and what to do next. */
import type { Database } from "@/lib/database.types";
import { payableIds, type PayFacts, type StudentPayment } from "./student-payments";

type Enums = Database["public"]["Enums"];

export interface EnrolledBatch {
  enrollmentId: string;
  status: Enums["enrollment_status"];
  batch: {
    id: string;
    name: string;
    starts_on: string;
    ends_on: string | null;
    timezone: string;
    course: { title: string; slug: string } | null;
  } | null;
}

export interface UpcomingSession {
  id: string;
  batch_id: string;
  title: string;
  starts_at: string;
  duration_minutes: number;
  status: Enums["session_status"];
  join_url: string | null;
}

export interface BatchCard {
  enrollmentId: string;
  batchId: string;
  course: string;
  batch: string;
  startsOn: string;
  endsOn: string | null;
  finished: boolean;
  nextSession: UpcomingSession | null;
}

/** Active batches first, then finished ones; each with its earliest session that has not ended at `now`. */
export function batchCards(enrollments: EnrolledBatch[], sessions: UpcomingSession[], now: Date): BatchCard[] {
  const next = new Map<string, UpcomingSession>();
  for (const session of [...sessions].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
    const ends = new Date(session.starts_at).getTime() + session.duration_minutes * 60_000;
    if (ends > now.getTime() && session.status !== "cancelled" && !next.has(session.batch_id)) next.set(session.batch_id, session);
  }
  return enrollments
    .filter((enrollment) => enrollment.batch && (enrollment.status === "active" || enrollment.status === "completed"))
    .map((enrollment) => {
      const batch = enrollment.batch as NonNullable<EnrolledBatch["batch"]>;
      return {
        enrollmentId: enrollment.enrollmentId,
        batchId: batch.id,
        course: batch.course?.title ?? "Course",
        batch: batch.name,
        startsOn: batch.starts_on,
        endsOn: batch.ends_on,
        finished: enrollment.status === "completed",
        nextSession: next.get(batch.id) ?? null,
      };
    })
    .sort((a, b) => Number(a.finished) - Number(b.finished) || a.startsOn.localeCompare(b.startsOn));
}

/** A session can be joined from 15 minutes before it starts until it ends. */
export function canJoin(session: UpcomingSession, now: Date): boolean {
  const starts = new Date(session.starts_at).getTime();
  const ends = starts + session.duration_minutes * 60_000;
  return Boolean(session.join_url) && now.getTime() >= starts - 15 * 60_000 && now.getTime() < ends;
}

export type OpenPayment = PayFacts & Pick<StudentPayment, "amount_paise" | "currency">;

export type NextStep =
  | { kind: "pay"; paymentId: string; amountPaise: number; currency: string }
  | { kind: "add-phone" }
  | { kind: "consents" }
  | { kind: "first-session"; session: UpcomingSession; course: string };

/**
 * What the student should do next, most urgent first: pay an open payment link, add a phone number
 * (reminders go to WhatsApp), say which channels they accept, then get ready for the next session.
 */
export function nextSteps(input: {
  payments: OpenPayment[];
  phone: string | null;
  consentCount: number;
  cards: BatchCard[];
}): NextStep[] {
  const payable = payableIds(input.payments);
  const steps: NextStep[] = input.payments
    .filter((payment) => payable.has(payment.id))
    .map((payment) => ({ kind: "pay", paymentId: payment.id, amountPaise: payment.amount_paise, currency: payment.currency }));
  if (!input.phone) steps.push({ kind: "add-phone" });
  if (input.consentCount === 0) steps.push({ kind: "consents" });
  const soonest = input.cards
    .filter((card) => card.nextSession)
    .sort((a, b) => (a.nextSession as UpcomingSession).starts_at.localeCompare((b.nextSession as UpcomingSession).starts_at))[0];
  if (soonest?.nextSession) steps.push({ kind: "first-session", session: soonest.nextSession, course: soonest.course });
  return steps;
}
