/** Instants shown in the viewer's time zone (default: the center's, Asia/Kolkata), absolute or relative. */
import { tz } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";

export const DEFAULT_TIME_ZONE = "Asia/Kolkata";

const LOCALE = "en-IN";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The given IANA zone when the runtime knows it, otherwise the center's default. */
export function resolveTimeZone(candidate?: string | null): string {
  if (!candidate) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat(LOCALE, { timeZone: candidate }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Rounds half away from zero, so -1.5 hours reads "2 hr ago" like +1.5 reads "in 2 hr". */
function roundUnits(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function toDate(value: Date | string): Date {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(value)}`);
  return date;
}

function format(value: Date | string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone }).format(toDate(value));
}

/** "22 Nov 2026, 3:30 pm". Raises RangeError for an unparseable instant. */
export function formatDateTime(value: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(value, timeZone, { dateStyle: "medium", timeStyle: "short" });
}

/** "22 Nov 2026". */
export function formatDate(value: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(value, timeZone, { dateStyle: "medium" });
}

/**
 * A calendar day stored without a time ("2027-01-09": a batch's start): "9 Jan 2027" for every viewer.
 * Such a string parses as midnight UTC, so it is shown in UTC; shown in a zone west of UTC it would read
 * as the day before.
 */
export function formatCalendarDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a calendar day: ${day}`);
  return format(day, "UTC", { dateStyle: "medium" });
}

/** "3:30 pm". */
export function formatTime(value: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
  return format(value, timeZone, { timeStyle: "short" });
}

/**
 * A short relative form of `value` seen at `now` in `timeZone`: "now", "in 15 min", "3 hr ago",
 * "yesterday", "tomorrow", "in 3 days", then a date ("12 Mar", or "12 Mar 2025" in another year).
 * Day words follow calendar days in the viewer's zone, not 24-hour spans.
 */
export function formatRelativeTime(value: Date | string, now: Date = new Date(), timeZone = DEFAULT_TIME_ZONE): string {
  const instant = toDate(value);
  const diff = instant.getTime() - now.getTime();
  const words = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto", style: "short" });
  if (Math.abs(diff) < 45 * 1000) return words.format(0, "second");
  if (Math.abs(diff) < 45 * MINUTE) return words.format(roundUnits(diff / MINUTE), "minute");
  const days = differenceInCalendarDays(instant, now, { in: tz(timeZone) });
  if (days === 0 || Math.abs(diff) < 6 * HOUR) return words.format(roundUnits(diff / HOUR), "hour");
  if (Math.abs(days) < 7) return words.format(days, "day");
  const sameYear = format(instant, timeZone, { year: "numeric" }) === format(now, timeZone, { year: "numeric" });
  return format(instant, timeZone, sameYear ? { day: "numeric", month: "short" } : { dateStyle: "medium" });
}
