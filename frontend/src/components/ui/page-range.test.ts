import { describe, expect, it } from "vitest";
import { pageRange } from "./page-range";

describe("pageRange", () => {
  it("describes a middle page", () => {
    expect(pageRange(2, 20, 312)).toEqual({ page: 2, pageCount: 16, first: 21, last: 40, from: 20, to: 39 });
  });

  it("shortens the last page", () => {
    expect(pageRange(16, 20, 312)).toMatchObject({ first: 301, last: 312, from: 300, to: 319 });
  });

  it("clamps pages outside the list", () => {
    expect(pageRange(99, 20, 312).page).toBe(16);
    expect(pageRange(0, 20, 312).page).toBe(1);
    expect(pageRange(Number.NaN, 20, 312).page).toBe(1);
  });

  it("has one empty page when there are no rows", () => {
    expect(pageRange(3, 20, 0)).toEqual({ page: 1, pageCount: 1, first: 0, last: 0, from: 0, to: 19 });
  });

  it("refuses nonsense sizes", () => {
    expect(() => pageRange(1, 0, 10)).toThrow(RangeError);
    expect(() => pageRange(1, 20, -1)).toThrow(RangeError);
  });
});
