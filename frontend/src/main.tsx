/** Checks the build's settings before loading the app, so a misconfigured deploy says what is wrong. */
import { configProblems } from "@/config/env-schema";
import { linkLandingPath } from "@/features/auth/link-landing";
import "./index.css";

const landing = linkLandingPath(window.location.pathname, window.location.hash);
if (landing) window.history.replaceState(null, "", landing + window.location.hash);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const problems = configProblems(import.meta.env);
if (problems.length > 0) {
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.className = "mx-auto mt-16 max-w-xl rounded-md border border-red-200 bg-red-50 p-6 text-red-900";
  const title = document.createElement("p");
  title.className = "font-semibold";
  title.textContent = "Coachbase is not configured. Set these variables and rebuild:";
  const list = document.createElement("ul");
  list.className = "mt-2 list-disc pl-5";
  for (const problem of problems) {
    const item = document.createElement("li");
    item.textContent = problem;
    list.append(item);
  }
  box.append(title, list);
  root.replaceChildren(box);
} else {
  void import("./app/start").then(({ start }) => {
    start(root);
  });
}
