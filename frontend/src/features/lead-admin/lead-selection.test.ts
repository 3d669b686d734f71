import { describe, expect, it } from "vitest";
import { readLeadQuery } from "./lead-query";
import { isSelected, NOTHING_SELECTED, pageSelected, selectedCount, selectionAudience, toggleLead, togglePage } from "./lead-selection";

const page = ["a", "b", "c"];

describe("lead selection", () => {
  it("picks single leads and whole pages, and a full page toggles back to nothing", () => {
    const one = toggleLead(NOTHING_SELECTED, "b", page);
    expect([...one.ids]).toEqual(["b"]);
    const all = togglePage(one, page);
    expect(pageSelected(all, page)).toBe(true);
    expect(togglePage(all, page)).toEqual(NOTHING_SELECTED);
  });

  it("keeps picks from other pages when picking this page", () => {
    const other = toggleLead(NOTHING_SELECTED, "z", ["z"]);
    expect(selectedCount(togglePage(other, page), 100)).toBe(4);
  });

  it("counts every match when all matching are picked, and unpicking one keeps the rest of the page", () => {
    const everything = { ids: new Set<string>(), allMatching: true };
    expect(selectedCount(everything, 120)).toBe(120);
    expect(isSelected(everything, "anything")).toBe(true);
    const fewer = toggleLead(everything, "a", page);
    expect(fewer.allMatching).toBe(false);
    expect([...fewer.ids].sort()).toEqual(["b", "c"]);
  });

  it("becomes the filter's audience, days as instants in the viewer's zone, or the picked ids", () => {
    const query = readLeadQuery(new URLSearchParams("q=Asha%2C%20K&status=new&from=2026-11-01&to=2026-11-01"));
    expect(selectionAudience({ ids: new Set(), allMatching: true }, query, "Asia/Kolkata")).toEqual({
      filter: { search: "Asha K", status: "new", created_from: "2026-10-31T18:30:00.000Z", created_to: "2026-11-01T18:30:00.000Z" },
    });
    expect(selectionAudience(toggleLead(NOTHING_SELECTED, "a", page), query, "Asia/Kolkata")).toEqual({ lead_ids: ["a"] });
  });
});
