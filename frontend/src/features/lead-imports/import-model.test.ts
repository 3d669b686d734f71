import { describe, expect, it } from "vitest";
import { fileProblem, inFlight, MAX_FILE_BYTES, progress, readMapping, readOptions, sameMapping, uploadPath } from "./import-model";

describe("fileProblem", () => {
  it("accepts a CSV, whatever the browser calls its type", () => {
    expect(fileProblem({ name: "leads.CSV", size: 10, type: "" })).toBeNull();
    expect(fileProblem({ name: "leads.csv", size: 10, type: "application/vnd.ms-excel" })).toBeNull();
  });

  it("refuses other files, empty files and files over 20 MB, saying what to do", () => {
    expect(fileProblem({ name: "leads.xlsx", size: 10, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })).toMatch(/Export the sheet as CSV/);
    expect(fileProblem({ name: "leads.csv", size: 0, type: "text/csv" })).toMatch(/is empty/);
    expect(fileProblem({ name: "leads.csv", size: MAX_FILE_BYTES + 1, type: "text/csv" })).toMatch(/Split it/);
  });
});

describe("uploadPath", () => {
  it("puts the file in its own folder and keeps slashes out of the name", () => {
    expect(uploadPath("f1", "a/b\\c.csv")).toBe("f1/a_b_c.csv");
  });
});

describe("reading the row", () => {
  it("reads options and ignores what is malformed", () => {
    expect(readOptions({ options: { headers: ["Name"], total_rows: 4, other: 1 } })).toMatchObject({ headers: ["Name"], total_rows: 4 });
    expect(readOptions({ options: { headers: "Name" } })).toEqual({});
  });

  it("keeps only string pairs of the mapping", () => {
    expect(readMapping({ column_mapping: { Name: "full_name", Bad: 3 } })).toEqual({ Name: "full_name" });
    expect(readMapping({ column_mapping: [] })).toEqual({});
  });

  it("measures progress against the total, unknown without one", () => {
    expect(progress({ rows_read: 50, options: { total_rows: 200 } })).toBe(0.25);
    expect(progress({ rows_read: 50, options: {} })).toBeNull();
  });
});

describe("inFlight and sameMapping", () => {
  it("keeps asking while the worker has the job", () => {
    expect(inFlight("uploaded", false)).toBe(true);
    expect(inFlight("previewed", false)).toBe(false);
    expect(inFlight("previewed", true)).toBe(true);
    expect(inFlight("completed", true)).toBe(false);
  });

  it("compares mappings header by header, an ignored header equal to an absent one", () => {
    expect(sameMapping({ Name: "full_name", X: "" }, { Name: "full_name" })).toBe(true);
    expect(sameMapping({ Name: "full_name" }, { Name: "notes" })).toBe(false);
  });
});
