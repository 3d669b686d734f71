import { describe, expect, it } from "vitest";
import { dayStart, nextSort, readLeadQuery, writeLeadQuery } from "./lead-query";

describe("readLeadQuery / writeLeadQuery", () => {
  it("round-trips a full query through the address bar", () => {
    const params = new URLSearchParams("q=asha&status=new&source=form&tag=demo&course=c1&from=2026-11-01&to=2026-11-22&sort=full_name&dir=asc&page=3");
    const query = readLeadQuery(params);
    expect(query).toEqual({
      search: "asha",
      status: "new",
      source: "form",
      tag: "demo",
      courseId: "c1",
      from: "2026-11-01",
      to: "2026-11-22",
      sort: "full_name",
      ascending: true,
      page: 3,
    });
    expect(writeLeadQuery(query).toString()).toBe(params.toString());
  });

  it("falls back to defaults for unknown or malformed values and leaves defaults out of the URL", () => {
    const query = readLeadQuery(new URLSearchParams("status=vip&source=fax&sort=phone&page=-2&from=yesterday"));
    expect(query).toMatchObject({ status: null, source: null, sort: "created_at", ascending: false, page: 1, from: null });
    expect(writeLeadQuery(query).toString()).toBe("");
  });
});

describe("dayStart", () => {
  it("starts days in the viewer's zone and gives the next day's start for an inclusive end", () => {
    expect(dayStart("2026-11-22", "Asia/Kolkata")).toBe("2026-11-21T18:30:00.000Z");
    expect(dayStart("2026-11-30", "Asia/Kolkata", true)).toBe("2026-11-30T18:30:00.000Z");
    expect(dayStart("2026-11-22", "UTC")).toBe("2026-11-22T00:00:00.000Z");
  });
});

describe("nextSort", () => {
  const base = readLeadQuery(new URLSearchParams());

  it("flips the direction of the current column and starts names A to Z, dates newest first", () => {
    expect(nextSort(base, "created_at")).toEqual({ sort: "created_at", ascending: true });
    expect(nextSort(base, "full_name")).toEqual({ sort: "full_name", ascending: true });
    expect(nextSort(base, "last_contacted_at")).toEqual({ sort: "last_contacted_at", ascending: false });
  });
});
