import { describe, expect, it } from "vitest";
import { paiseToRupees, rupeesToPaise } from "./rupees";

describe("rupee amounts", () => {
  it("reads rupees with grouping, symbol and paise", () => {
    expect(rupeesToPaise("4,999")).toBe(499900);
    expect(rupeesToPaise("₹ 4,999.5")).toBe(499950);
    expect(rupeesToPaise("0")).toBe(0);
  });

  it("refuses negative, over-precise or non-numeric fees", () => {
    expect(rupeesToPaise("-5")).toBeNull();
    expect(rupeesToPaise("10.999")).toBeNull();
    expect(rupeesToPaise("ten")).toBeNull();
    expect(rupeesToPaise("")).toBeNull();
  });

  it("shows paise back as rupees", () => {
    expect(paiseToRupees(499900)).toBe("4999");
    expect(paiseToRupees(499905)).toBe("4999.05");
  });
});
