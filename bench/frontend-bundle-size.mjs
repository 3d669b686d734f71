#!/usr/bin/env node
// Prints what a browser downloads (gzip) to show each route of the production build on a cold
// load: the entry, the app shell it loads, the route's own chunk and everything those import.
// Usage: node bench/frontend-bundle-size.mjs [--no-build]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..", "frontend");
const dist = join(frontend, "dist");
const INITIAL_ROUTE = "src/app/routes/sign-in.tsx"; // where "/" sends a signed-out visitor
const TARGET_KB = 200;

if (!process.argv.includes("--no-build")) {
  execFileSync("npx", ["vite", "build", "--logLevel", "error"], { cwd: frontend, stdio: "inherit" });
}

const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const gzipped = new Map();
function gzipBytes(file) {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dist, file))).length);
  return gzipped.get(file);
}

/** Every file a chunk needs before it runs: itself, its CSS, and its static imports, recursively. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const shell = closure(entryKey);
// The entry checks configuration, then loads the app (its dynamic imports): part of every page.
for (const key of manifest[entryKey].dynamicImports ?? []) closure(key, shell);
const shellKeys = new Set(manifest[entryKey].dynamicImports ?? []);

const total = (files) => [...files].reduce((sum, file) => sum + gzipBytes(file), 0);
const kb = (bytes) => (bytes / 1024).toFixed(1);

const routes = Object.keys(manifest)
  .filter((key) => key.startsWith("src/app/routes/") && !shellKeys.has(key))
  .map((key) => {
    const files = closure(key, new Set(shell));
    return { key, own: total(files) - total(shell), cold: total(files) };
  })
  .sort((a, b) => b.cold - a.cold);

console.log(`shell (entry + app, every page): ${kb(total(shell))} kB gzip`);
console.log("route                                      own kB   cold-load kB");
for (const route of routes) {
  console.log(`${route.key.padEnd(42)} ${kb(route.own).padStart(6)}   ${kb(route.cold).padStart(12)}`);
}
const initial = routes.find((route) => route.key === INITIAL_ROUTE);
const largest = routes[0];
console.log(`initial route (${INITIAL_ROUTE}): ${kb(initial.cold)} kB gzip (target ≤ ${TARGET_KB} kB)`);
console.log(`largest route (${largest.key}): ${kb(largest.cold)} kB gzip`);
