import { describe, expect, it } from "vitest";
import { batchFormValues, batchRecord, batchSchema, courseFormValues, courseRecord, courseSchema, describeSchedule, explainWriteError, slugify, type BatchRow } from "./course-model";

describe("course form", () => {
  it("makes a slug from a title", () => {
    expect(slugify("Spoken English: Level 1")).toBe("spoken-english-level-1");
    expect(slugify("  Café — Débutant ")).toBe("cafe-debutant");
  });

  it("maps the form to the row and back", () => {
    const values = { ...courseFormValues(null), title: " Python ", slug: "python", price: "12,000.50", duration_weeks: "6", summary: " " };
    const record = courseRecord(values);
    expect(record).toMatchObject({ title: "Python", slug: "python", price_paise: 1200050, duration_weeks: 6, summary: null, published: false });
  });

  it("names each invalid field", () => {
    const result = courseSchema.safeParse({ ...courseFormValues(null), title: "", slug: "Bad Slug", price: "abc", duration_weeks: "0" });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["title", "slug", "price", "duration_weeks"]));
  });
});

const batch: BatchRow = {
  id: "b1",
  course_id: "c1",
  name: "Morning",
  starts_on: "2026-12-01",
  ends_on: null,
  weekly_pattern: [
    { weekday: 4, start: "07:00", minutes: 60 },
    { weekday: 1, start: "07:00", minutes: 60 },
  ],
  timezone: "Asia/Kolkata",
  capacity: 20,
  active_enrollments: 3,
  instructor_id: null,
  status: "open",
  created_at: "",
  updated_at: "",
};

describe("batch schedule", () => {
  it("describes a weekly pattern by days, time and length", () => {
    expect(describeSchedule(batch.weekly_pattern)).toBe("Mon, Thu · 07:00 · 60 min");
    expect(describeSchedule([{ weekday: 6, start: "10:30", minutes: 90 }, { weekday: 7, start: "11:00", minutes: 60 }])).toBe("Sat 10:30 (90 min), Sun 11:00 (60 min)");
    expect(describeSchedule([])).toBe("No weekly schedule");
    expect(describeSchedule({ weekday: 1 })).toBe("No weekly schedule");
  });

  it("round-trips a batch through the form in the center's zone", () => {
    const values = batchFormValues(batch);
    expect(values).toMatchObject({ weekdays: [4, 1], start: "07:00", minutes: "60", capacity: "20" });
    const record = batchRecord({ ...values, weekdays: [4, 1, 4] }, "c1", "Asia/Dubai");
    expect(record.weekly_pattern).toEqual([
      { weekday: 1, start: "07:00", minutes: 60 },
      { weekday: 4, start: "07:00", minutes: 60 },
    ]);
    expect(record).toMatchObject({ timezone: "Asia/Dubai", ends_on: null, instructor_id: null, capacity: 20 });
  });

  it("wants weekdays, a time, a sensible length and an end after the start", () => {
    const result = batchSchema.safeParse({ ...batchFormValues(null), name: "X", starts_on: "2026-12-10", ends_on: "2026-12-01", minutes: "5" });
    const fields = result.error?.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["weekdays", "minutes", "ends_on"]));
  });
});

describe("refusals", () => {
  it("explains rows still in use and taken names", () => {
    expect(explainWriteError({ code: "23503", message: "fk" }, "batch")).toMatch(/enrollments or payments.*Cancelled/);
    expect(explainWriteError({ code: "23503", message: "fk" }, "course")).toMatch(/still has batches/);
    expect(explainWriteError({ code: "23505", message: "dup" }, "course")).toMatch(/slug/);
    expect(explainWriteError({ code: "P0001", message: "as said" }, "course")).toBe("as said");
  });

  it("refuses a fee above ₹1 crore, which the database would refuse", () => {
    const at = (price: string) => courseSchema.safeParse({ ...courseFormValues(null), title: "Python", slug: "python", price });
    expect(at("1,00,00,000").success).toBe(true);
    const over = at("1,00,00,000.01");
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((issue) => issue.message)).toEqual(["A course fee is at most ₹1,00,00,000."]);
  });
});
