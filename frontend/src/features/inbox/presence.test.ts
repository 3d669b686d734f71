import { describe, expect, it } from "vitest";
import { othersPresent } from "./presence";

describe("othersPresent", () => {
  it("lists each other user once, without the viewer, by name", () => {
    const state = {
      me: [{ id: "me", name: "Me" }],
      b: [
        { id: "b", name: "Zoya" },
        { id: "b", name: "Zoya" },
      ],
      c: [{ id: "c", name: "" }],
      d: [],
    };
    expect(othersPresent(state, "me")).toEqual([
      { id: "c", name: "Another admin" },
      { id: "b", name: "Zoya" },
    ]);
  });
});
