/** Today: the admin's morning screen — what needs action, alerts (passed in), the week's KPIs, the funnel and recent activity. */
import type { ReactNode } from "react";
import { Card, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Alert } from "@/components/ui/alert";
import { formatDateTime, resolveTimeZone } from "@/lib/format/time";
import { isQuietCenter, type AdminStats, type KpiKey } from "../dashboard-model";
import { useAdminStats } from "../hooks/use-dashboard";
import { ActionCounts } from "./action-counts";
import { FunnelCard } from "./funnel-card";
import { KpiCard, KpiCardSkeleton } from "./kpi-card";
import { RecentActivity } from "./recent-activity";

const CARDS: { key: KpiKey; title: string; unit: "count" | "percent" | "money"; caption?: string }[] = [
  { key: "new_leads", title: "New leads", unit: "count" },
  { key: "conversions", title: "Payments received", unit: "count" },
  { key: "revenue_paise", title: "Revenue (net of refunds)", unit: "money" },
  { key: "conversion_rate", title: "Conversion rate", unit: "percent" },
  { key: "attendance_rate", title: "Attendance", unit: "percent" },
  { key: "active_students", title: "Active students", unit: "count" },
  { key: "pending_submissions", title: "Submissions to grade", unit: "count", caption: "now; line shows new ones a day" },
  { key: "open_tickets", title: "Open tickets", unit: "count", caption: "now; line shows new ones a day" },
];

function viewerTimeZone(): string {
  return resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function KpiGrid({ stats }: { stats: AdminStats }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
      {CARDS.map((card) => (
        <KpiCard key={card.key} title={card.title} kpi={stats[card.key]} unit={card.unit} currency={stats.currency} caption={card.caption} />
      ))}
    </div>
  );
}

/** `alerts`: a panel composed in by the route (features do not import each other), shown under the counts. */
export function TodayPage({ alerts }: { alerts?: ReactNode }) {
  const stats = useAdminStats();
  const timeZone = viewerTimeZone();
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Today</h1>
        {stats.data ? <p className="text-xs text-slate-500">Updated {formatDateTime(stats.data.as_of, timeZone)}</p> : null}
      </div>
      <section aria-labelledby="needs-action" className="grid gap-3">
        <h2 id="needs-action" className="text-lg font-semibold">Needs your action</h2>
        <ActionCounts />
      </section>
      {alerts}
      <section aria-labelledby="this-week" className="grid gap-3">
        <h2 id="this-week" className="text-lg font-semibold">Last 7 days</h2>
        {stats.isPending ? (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" role="status" aria-label="Loading figures">
            {Array.from({ length: 8 }, (_, index) => (
              <KpiCardSkeleton key={index} />
            ))}
          </div>
        ) : stats.isError ? (
          <PageError title="Could not load this week's figures" onRetry={() => void stats.refetch()}>
            Check your connection and try again. If it keeps failing, sign out and in again.
          </PageError>
        ) : (
          <>
            {isQuietCenter(stats.data) ? (
              <Alert tone="info" title="Nothing to measure yet">
                Figures appear here once leads arrive. Publish a course page or import your leads to get started.
              </Alert>
            ) : null}
            <KpiGrid stats={stats.data} />
          </>
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        {stats.data ? (
          <FunnelCard centerTimeZone={stats.data.timezone} />
        ) : (
          <Card className="p-6">
            <CardTitle>Funnel by source</CardTitle>
            <p className="mt-2 text-sm text-slate-600">{stats.isError ? "Shown once this week's figures load." : "Loading…"}</p>
          </Card>
        )}
        <RecentActivity timeZone={timeZone} />
      </div>
    </div>
  );
}
