/**
 * Every address of the app. Pages load on demand (one chunk per route); each route has its own
 * error boundary, so a failing page never takes the frame around it down.
 */
import { createBrowserRouter, redirect, type RouteObject } from "react-router";
import { PageLoading } from "@/components/ui/page-status";
import { AREA_HOMES } from "./area-homes";
import { HomeRedirect } from "./home-redirect";
import { NotFound } from "./not-found";
import { RouteError } from "./route-error";

const errorElement = <RouteError />;

/**
 * An area's child routes: its home opens its first section; unknown paths show "no page here".
 * The redirect is a loader, so the router goes straight to the section and loads the area's frame
 * and the section's module in parallel, instead of rendering the frame before asking for the section.
 */
function areaChildren(firstSection: string): RouteObject[] {
  return [
    { index: true, loader: () => redirect(firstSection), errorElement },
    { path: "*", element: <NotFound />, errorElement },
  ];
}

const topLevel: RouteObject[] = [
  { path: "/", element: <HomeRedirect />, errorElement },
  { path: "/sign-in", lazy: () => import("./routes/sign-in"), errorElement },
  { path: "/forgot-password", lazy: () => import("./routes/forgot-password"), errorElement },
  { path: "/reset-password", lazy: () => import("./routes/reset-password"), errorElement },
  { path: "/accept-invite", lazy: () => import("./routes/accept-invite"), errorElement },
  { path: "/auth/callback", lazy: () => import("./routes/auth-callback"), errorElement },
  { path: "/courses/:slug", lazy: () => import("./routes/course-landing"), errorElement },
  // Where the service sends payers back (PAYMENT_RETURN_URL, ?payment=<id>).
  { path: "/pay/result", lazy: () => import("./routes/payment-result"), errorElement },
  // A payment link (messages carry it): opens the provider's checkout, or says why not.
  { path: "/pay/:link", lazy: () => import("./routes/pay-link"), errorElement },
  {
    path: "/admin",
    lazy: async () => ({ Component: (await import("./routes/areas")).AdminArea }),
    errorElement,
    children: [
      ...areaChildren(AREA_HOMES.admin),
      { path: "today", lazy: () => import("./routes/admin-today"), errorElement },
      { path: "leads", lazy: () => import("./routes/admin-leads"), errorElement },
      { path: "leads/import", lazy: () => import("./routes/lead-import"), errorElement },
      { path: "leads/:leadId", lazy: () => import("./routes/admin-lead-detail"), errorElement },
      { path: "cta-review", lazy: () => import("./routes/admin-cta-review"), errorElement },
      { path: "campaigns", lazy: () => import("./routes/campaigns"), errorElement },
      { path: "campaigns/:campaignId", lazy: () => import("./routes/campaign-detail"), errorElement },
      { path: "inbox/:conversationId?", lazy: () => import("./routes/inbox"), errorElement },
      { path: "payments", lazy: () => import("./routes/payments"), errorElement },
      { path: "outbox", lazy: () => import("./routes/outbox"), errorElement },
      { path: "courses", lazy: () => import("./routes/admin-courses"), errorElement },
      // Where "Batch full" alerts point: a batch's capacity is edited on its course's card.
      { path: "batches/:batchId", loader: () => redirect("/admin/courses"), errorElement },
      { path: "settings", lazy: () => import("./routes/admin-settings"), errorElement },
    ],
  },
  {
    path: "/instructor",
    lazy: async () => ({ Component: (await import("./routes/areas")).InstructorArea }),
    errorElement,
    children: areaChildren(AREA_HOMES.instructor),
  },
  {
    path: "/student",
    lazy: async () => ({ Component: (await import("./routes/areas")).StudentArea }),
    errorElement,
    children: [
      ...areaChildren(AREA_HOMES.student),
      { path: "home", lazy: () => import("./routes/student-home"), errorElement },
      { path: "payments", lazy: () => import("./routes/student-payments"), errorElement },
      { path: "profile", lazy: () => import("./routes/student-profile"), errorElement },
    ],
  },
  { path: "*", element: <NotFound />, errorElement },
];

/**
 * While the first page's modules load (right after a full load or reload), the router renders the
 * deepest route that has a fallback, or nothing; every top-level route shows the loading line, so
 * the page is never blank.
 */
export const routes: RouteObject[] = topLevel.map((route) => ({ ...route, hydrateFallbackElement: <PageLoading /> }));

export const router = createBrowserRouter(routes);
