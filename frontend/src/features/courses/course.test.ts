import { describe, expect, it } from "vitest";
import { toCourse, toSyllabus } from "./course";

describe("toSyllabus", () => {
  it("reads a link to a file", () => {
    expect(toSyllabus("https://files.example.com/python-syllabus.pdf")).toEqual({
      kind: "link",
      url: "https://files.example.com/python-syllabus.pdf",
    });
  });

  it("reads plain text as paragraphs", () => {
    expect(toSyllabus("Week 1: basics\n\n  Week 2: loops  \n\n")).toEqual({
      kind: "text",
      paragraphs: ["Week 1: basics", "Week 2: loops"],
    });
  });

  it("reads a list of topics and a list of modules", () => {
    expect(toSyllabus(["Variables", " ", "Loops"])).toEqual({
      kind: "modules",
      modules: [
        { title: "Variables", topics: [] },
        { title: "Loops", topics: [] },
      ],
    });
    expect(
      toSyllabus({ modules: [{ title: "Foundations", topics: ["Types", 3, "Functions"] }, { name: "Projects" }, { topics: ["orphan"] }] }),
    ).toEqual({
      kind: "modules",
      modules: [
        { title: "Foundations", topics: ["Types", "Functions"] },
        { title: "Projects", topics: [] },
      ],
    });
  });

  it.each([null, "", "   ", 42, true, [], {}, [null, 1]])("shows nothing for %j", (value) => {
    expect(toSyllabus(value)).toEqual({ kind: "none" });
  });
});

describe("toCourse", () => {
  it("maps a row and drops a blank description", () => {
    expect(
      toCourse({ slug: "python-basics", title: "Python Basics", description: "  ", price_paise: 4_999_00, currency: "INR", syllabus: null }),
    ).toEqual({ slug: "python-basics", title: "Python Basics", description: null, pricePaise: 4_999_00, currency: "INR", syllabus: { kind: "none" } });
  });
});
