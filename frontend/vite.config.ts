/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// The root .env (written by ./scripts/run from the running devstack) is the single source of
// settings; Vite exposes only its VITE_* variables to the browser.
export default defineConfig({
  envDir: "..",
  plugins: [react(), tailwindcss()],
  resolve: { tsconfigPaths: true },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
  // Source maps are written for error tracking but not referenced from the served files.
  build: { manifest: true, sourcemap: "hidden" },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "node",
  },
});
