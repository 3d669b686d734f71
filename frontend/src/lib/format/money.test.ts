import { describe, expect, it } from "vitest";
import { formatMoney } from "./money";

describe("formatMoney", () => {
  it.each([
    [0, "₹0"],
    [100, "₹1"],
    [50, "₹0.50"],
    [5, "₹0.05"],
    [99_999_00, "₹99,999"],
    [1_00_000_00, "₹1,00,000"],
    [1_23_456_00, "₹1,23,456"],
    [1_23_456_50, "₹1,23,456.50"],
    [12_34_56_789_01, "₹12,34,56,789.01"],
  ])("formats %i paise as %s", (paise, expected) => {
    expect(formatMoney(paise)).toBe(expected);
  });

  it("puts the sign before the symbol for refunds", () => {
    expect(formatMoney(-2_500_50)).toBe("-₹2,500.50");
  });

  it("stays exact at the largest safe integer", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe("₹9,00,71,99,25,47,409.91");
  });

  it("uses the currency's own minor units", () => {
    expect(formatMoney(1_234_567, "USD")).toBe("$12,345.67");
    expect(formatMoney(1_234, "JPY")).toBe("JP¥1,234");
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("refuses %s", (value) => {
    expect(() => formatMoney(value)).toThrow(RangeError);
  });

  it("refuses an unknown currency code", () => {
    expect(() => formatMoney(100, "RUPEES")).toThrow(RangeError);
  });
});
