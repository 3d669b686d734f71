import { describe, expect, it } from "vitest";
import { audiencePreviewSchema, describeReach, type AudiencePreview } from "./audience";

const preview = (reachable: number, excluded: Record<string, number>): AudiencePreview => ({
  matched: reachable + Object.values(excluded).reduce((a, b) => a + b, 0),
  reachable,
  excluded,
  sample: [],
  excluded_sample: [],
});

describe("describeReach", () => {
  it("names how many are reached and why the others are left out, largest reason first", () => {
    expect(describeReach(preview(9, { "no phone number": 1, "opted out of WhatsApp": 2 }))).toBe(
      "9 of 12 leads will receive it; left out: 2 opted out of WhatsApp, 1 no phone number.",
    );
  });

  it("says so plainly when everyone is reached, with Indian digit grouping", () => {
    expect(describeReach(preview(123456, {}), "will be tagged")).toBe("1,23,456 of 1,23,456 leads will be tagged.");
  });

  it("uses the singular for one lead", () => {
    expect(describeReach(preview(1, {}))).toBe("1 of 1 lead will receive it.");
  });
});

describe("audiencePreviewSchema", () => {
  it("refuses an answer without counts", () => {
    expect(audiencePreviewSchema.safeParse({ matched: 1 }).success).toBe(false);
  });
});
