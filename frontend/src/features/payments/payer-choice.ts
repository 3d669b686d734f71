/** Who a payment link is for, as the payment link dialog needs it, from a lead found by search. */
import { LEAD_STATUSES } from "@/lib/lead-labels";
import type { PayerMatch } from "./api/search-payers";
import type { Payer } from "./payment-link";

export interface PayerChoice {
  payer: Payer;
  name: string;
  /** The course whose batches the link may be for. */
  courseId: string | null;
}

/** Search needs this many characters (after dropping filter characters) before it asks the database. */
export const MIN_SEARCH_LENGTH = 2;

/** A lead who already became a student pays as that student; anyone else pays as the lead. */
export function payerChoiceOf(match: PayerMatch): PayerChoice {
  const payer: Payer = match.converted_profile_id ? { profileId: match.converted_profile_id } : { leadId: match.id };
  return { payer, name: match.full_name, courseId: match.course_id };
}

/** The line under a match's name: how to reach them, their course and where they stand. */
export function matchDetail(match: PayerMatch): string {
  const status = match.converted_profile_id ? "Student" : (LEAD_STATUSES.find((s) => s.value === match.status)?.label ?? match.status);
  const parts = [match.email, match.phone, match.course?.title ?? "No course", status];
  return parts.filter((part): part is string => Boolean(part)).join(" · ");
}
