/** Browser tests against the whole local stack, which pytest starts (tests/e2e/test_web_app.py). */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/stack/**/*.stack.ts"],
    globalSetup: ["e2e/stack/global-setup.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000, // a bound on a hung page under load, never an assertion about speed
    hookTimeout: 120_000,
  },
});
