import { describe, expect, it } from "vitest";
import { configProblems, parseEnv } from "./env-schema";

const good = {
  VITE_SUPABASE_URL: "http://127.0.0.1:54321/",
  VITE_SUPABASE_ANON_KEY: " eyJhbGciOiJIUzI1NiJ9.x.y ",
  VITE_AUTOMATION_URL: "https://automation.example.com//",
};

describe("configProblems", () => {
  it("accepts a complete configuration", () => {
    expect(configProblems(good)).toEqual([]);
  });

  it("names every missing or malformed variable", () => {
    expect(configProblems({ VITE_SUPABASE_URL: "javascript:alert(1)", VITE_SUPABASE_ANON_KEY: "  " })).toEqual([
      "VITE_SUPABASE_URL must be the Supabase project URL, e.g. http://127.0.0.1:54321",
      "VITE_AUTOMATION_URL must be the automation service's base URL, e.g. http://127.0.0.1:5000",
      "VITE_SUPABASE_ANON_KEY must be the project's anon (publishable) key",
    ]);
    expect(configProblems({ ...good, VITE_AUTOMATION_URL: "127.0.0.1:5000" })).toHaveLength(1);
  });
});

describe("parseEnv", () => {
  it("trims the key and trailing slashes of the URLs", () => {
    expect(parseEnv(good)).toEqual({
      supabaseUrl: "http://127.0.0.1:54321",
      supabaseAnonKey: "eyJhbGciOiJIUzI1NiJ9.x.y",
      automationUrl: "https://automation.example.com",
    });
  });

  it("raises with every problem listed", () => {
    expect(() => parseEnv({})).toThrow(/VITE_SUPABASE_URL.*VITE_AUTOMATION_URL.*VITE_SUPABASE_ANON_KEY/);
  });
});
