import { describe, expect, it } from "vitest";
import { captureUtm, emptyUtm, hasUtm, parseUtm } from "./utm";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe("parseUtm", () => {
  it("reads all five parameters, decoded and trimmed", () => {
    const utm = parseUtm(
      "?utm_source=instagram&utm_medium=paid%20social&utm_campaign=diwali-2026&utm_term=+python+&utm_content=reel_3&x=1",
    );
    expect(utm).toEqual({
      source: "instagram",
      medium: "paid social",
      campaign: "diwali-2026",
      term: "python",
      content: "reel_3",
    });
  });

  it("turns missing and blank values into null", () => {
    expect(parseUtm("?utm_source=&utm_medium=%20")).toEqual(emptyUtm());
    expect(hasUtm(parseUtm(""))).toBe(false);
  });

  it("caps long values", () => {
    expect(parseUtm(`?utm_campaign=${"x".repeat(500)}`).campaign).toHaveLength(200);
  });
});

describe("captureUtm", () => {
  it("keeps the landing URL's campaign for later pages of the visit", () => {
    const storage = new MemoryStorage();
    captureUtm("?utm_source=google&utm_campaign=brand", storage);
    expect(captureUtm("?ref=footer", storage)).toMatchObject({ source: "google", campaign: "brand" });
  });

  it("lets a newer campaign in the URL replace the stored one", () => {
    const storage = new MemoryStorage();
    captureUtm("?utm_source=google", storage);
    expect(captureUtm("?utm_source=whatsapp", storage).source).toBe("whatsapp");
  });

  it("ignores stored values it did not write", () => {
    const storage = new MemoryStorage();
    storage.setItem("coachbase.utm", "{not json");
    expect(captureUtm("", storage)).toEqual(emptyUtm());
    storage.setItem("coachbase.utm", JSON.stringify({ source: 42, medium: "email" }));
    expect(captureUtm("", storage)).toEqual({ ...emptyUtm(), medium: "email" });
  });
});
