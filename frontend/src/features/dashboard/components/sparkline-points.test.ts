import { describe, expect, it } from "vitest";
import { sparklinePoints } from "./sparkline-points";

describe("sparklinePoints", () => {
  it("puts the lowest value at the bottom and the highest at the top", () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe("0,20 50,10 100,0");
  });

  it("draws a flat line through the middle when every day is the same, missing days as zero", () => {
    expect(sparklinePoints([null, 0], 10, 20)).toBe("0,10 10,10");
    expect(sparklinePoints([], 10, 20)).toBe("");
  });
});
