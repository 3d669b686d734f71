import { describe, expect, it } from "vitest";
import type { PayerMatch } from "./api/search-payers";
import { matchDetail, payerChoiceOf } from "./payer-choice";

const lead: PayerMatch = {
  id: "lead-1",
  full_name: "Asha Verma",
  email: "asha@example.com",
  phone: "+919812345678",
  status: "interested",
  course_id: "course-1",
  converted_profile_id: null,
  course: { title: "Python Foundations" },
};

describe("payerChoiceOf", () => {
  it("makes a lead the payer, with the lead's course", () => {
    expect(payerChoiceOf(lead)).toEqual({ payer: { leadId: "lead-1" }, name: "Asha Verma", courseId: "course-1" });
  });

  it("makes the student the payer once the lead became one", () => {
    expect(payerChoiceOf({ ...lead, converted_profile_id: "profile-9" }).payer).toEqual({ profileId: "profile-9" });
  });
});

describe("matchDetail", () => {
  it("lists how to reach them, the course and where they stand", () => {
    expect(matchDetail(lead)).toBe("asha@example.com · +919812345678 · Python Foundations · Interested");
    expect(matchDetail({ ...lead, email: null, course: null, converted_profile_id: "p" })).toBe("+919812345678 · No course · Student");
  });
});
