import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE, formatCalendarDay, formatDate, formatDateTime, formatRelativeTime, formatTime, resolveTimeZone } from "./time";

// 01:30 on 23 Nov 2026 in India; still 22 Nov in UTC.
const NOW = new Date("2026-11-22T20:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("absolute forms", () => {
  it("shows the instant in India by default", () => {
    expect(formatDateTime("2026-11-22T10:00:00Z")).toBe("22 Nov 2026, 3:30 pm");
    expect(formatDate("2026-11-22T20:00:00Z")).toBe("23 Nov 2026");
    expect(formatTime("2026-11-22T10:00:00Z")).toBe("3:30 pm");
  });

  it("shows a calendar day as that day, whatever the viewer's zone", () => {
    expect(formatCalendarDay("2027-01-09")).toBe("9 Jan 2027");
    expect(formatDate("2027-01-09", "America/Los_Angeles")).toBe("8 Jan 2027"); // why it exists
    expect(() => formatCalendarDay("2027-01-09T00:00:00Z")).toThrow(RangeError);
  });

  it("follows the viewer's zone, including daylight saving", () => {
    expect(formatDateTime("2026-07-01T12:00:00Z", "America/New_York")).toBe("1 Jul 2026, 8:00 am");
    expect(formatDateTime("2026-12-01T12:00:00Z", "America/New_York")).toBe("1 Dec 2026, 7:00 am");
  });

  it("refuses an unparseable instant instead of printing 'Invalid Date'", () => {
    expect(() => formatDateTime("next tuesday")).toThrow(RangeError);
  });
});

describe("resolveTimeZone", () => {
  it("keeps a known zone and falls back to the center's for anything else", () => {
    expect(resolveTimeZone("Europe/London")).toBe("Europe/London");
    expect(resolveTimeZone("Mars/Olympus")).toBe(DEFAULT_TIME_ZONE);
    expect(resolveTimeZone("")).toBe(DEFAULT_TIME_ZONE);
    expect(resolveTimeZone(null)).toBe(DEFAULT_TIME_ZONE);
  });
});

describe("formatRelativeTime", () => {
  it.each([
    [0, "now"],
    [0.5, "now"],
    [15, "in 15 min"],
    [-15, "15 min ago"],
    [44, "in 44 min"],
    [-90, "2 hr ago"],
    [3 * 60, "in 3 hr"],
  ])("%d minutes away reads %s", (offset, expected) => {
    expect(formatRelativeTime(minutes(offset), NOW)).toBe(expected);
  });

  it("names calendar days in the viewer's zone", () => {
    const afternoonBefore = "2026-11-22T10:00:00Z"; // 15:30 on the 22nd in India, 10 hours earlier
    expect(formatRelativeTime(afternoonBefore, NOW, "Asia/Kolkata")).toBe("yesterday");
    expect(formatRelativeTime(afternoonBefore, NOW, "UTC")).toBe("10 hr ago");
    expect(formatRelativeTime("2026-11-23T14:00:00Z", NOW, "Asia/Kolkata")).toBe("in 18 hr");
    expect(formatRelativeTime("2026-11-24T14:00:00Z", NOW, "Asia/Kolkata")).toBe("tomorrow");
  });

  it("counts days within a week, then shows the date", () => {
    expect(formatRelativeTime("2026-11-26T06:00:00Z", NOW)).toBe("in 3 days");
    expect(formatRelativeTime("2026-11-19T06:00:00Z", NOW)).toBe("4 days ago");
    expect(formatRelativeTime("2026-11-02T06:00:00Z", NOW)).toBe("2 Nov");
    expect(formatRelativeTime("2025-03-12T06:00:00Z", NOW)).toBe("12 Mar 2025");
  });
});
