/** Checks the build's settings before loading the app, so a misconfigured deploy says what is wrong. */
import { configProblems } from "@/config/env-schema";
import { linkLandingPath } from "@/features/auth/link-landing";
import "./index.css";

const landing = linkLandingPath(window.location.pathname, window.location.hash);
if (landing) window.history.replaceState(null, "", landing + window.location.hash);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

/** Replaces the page with a notice: what went wrong and, as a list, what to do. */
function showNotice(container: HTMLElement, title: string, items: string[]) {
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.className = "mx-auto mt-16 max-w-xl rounded-md border border-red-200 bg-red-50 p-6 text-red-900";
  const heading = document.createElement("p");
  heading.className = "font-semibold";
  heading.textContent = title;
  const list = document.createElement("ul");
  list.className = "mt-2 list-disc pl-5";
  for (const text of items) {
    const item = document.createElement("li");
    item.textContent = text;
    list.append(item);
  }
  box.append(heading, list);
  container.replaceChildren(box);
}

const problems = configProblems(import.meta.env);
if (problems.length > 0) {
  showNotice(root, "Coachbase is not configured. Set these variables and rebuild:", problems);
} else {
  // Without the catch a failed download (a dropped connection, a deploy that replaced the files)
  // would leave the loading line on screen for good.
  import("./app/start").then(
    ({ start }) => {
      start(root);
    },
    () => {
      showNotice(root, "Coachbase could not load.", ["Check your connection, then reload the page."]);
    },
  );
}
