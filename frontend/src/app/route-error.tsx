/**
 * The error boundary of every route: a page that fails shows what happened and how to go on,
 * while the rest of the app (the shell around it) keeps working.
 */
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Button } from "@/components/ui/button";
import { PageError } from "@/components/ui/page-status";

function describe(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    return { title: `This page answered ${error.status}`, detail: error.statusText || "The page could not be shown." };
  }
  // A deploy replaced the files this tab was about to load.
  if (error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message)) {
    return { title: "A new version of Coachbase is available", detail: "Reload the page to continue." };
  }
  return {
    title: "Something went wrong on this page",
    detail: error instanceof Error ? error.message : "An unexpected error happened.",
  };
}

export function RouteError() {
  const error = useRouteError();
  const { title, detail } = describe(error);
  return (
    <div className="mx-auto grid max-w-xl gap-3 px-4 py-12">
      <PageError title={title}>
        {detail} If it keeps happening, tell the center what you were doing.
      </PageError>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => { window.location.reload(); }}>Reload the page</Button>
        <Button asChild variant="outline">
          <Link to="/">Go to your home page</Link>
        </Button>
      </div>
    </div>
  );
}
