import { describe, expect, it } from "vitest";
import { searchFilter } from "./lead-search";

describe("searchFilter", () => {
  it("searches name, email and phone, case-insensitively", () => {
    expect(searchFilter("Asha")).toBe("full_name.ilike.*Asha*,email.ilike.*Asha*,phone.ilike.*Asha*");
  });

  it("drops characters that would break the filter or match everything", () => {
    expect(searchFilter("a,b)(*%")).toBe("full_name.ilike.*a b*,email.ilike.*a b*,phone.ilike.*ab*");
    expect(searchFilter(" ,*% ")).toBeNull();
  });
});
