/** The funnel over a chosen period: a chart by source (Recharts, loaded on demand) and the totals as a table. */
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { activeSources, dayInZone, funnelTotals } from "../dashboard-model";
import { useFunnel } from "../hooks/use-dashboard";

const FunnelBars = lazy(() => import("./funnel-bars"));

const PERIODS = [7, 30, 90] as const;

interface FunnelCardProps {
  /** The center's zone: the funnel counts leads by their day of creation there. */
  centerTimeZone: string;
  now?: Date;
}

export function FunnelCard({ centerTimeZone, now = new Date() }: FunnelCardProps) {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const toDay = dayInZone(now, centerTimeZone);
  const fromDay = dayInZone(now, centerTimeZone, days - 1);
  const funnel = useFunnel(fromDay, toDay);
  const rows = funnel.data ? activeSources(funnel.data) : [];
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3 sm:flex">
        <div className="grid gap-1">
          <CardTitle>Funnel by source</CardTitle>
          <CardDescription>Leads created in the last {days} days and how far each got.</CardDescription>
        </div>
        <div role="group" aria-label="Period" className="flex gap-1">
          {PERIODS.map((period) => (
            <Button key={period} size="sm" variant={period === days ? "secondary" : "ghost"} aria-pressed={period === days} onClick={() => {
              setDays(period);
            }}>
              {period} days
            </Button>
          ))}
        </div>
      </CardHeader>
      <CardContent>
        {funnel.isPending ? (
          <Skeleton className="h-72 w-full" />
        ) : funnel.isError ? (
          <PageError title="Could not load the funnel" onRetry={() => void funnel.refetch()}>
            Check your connection and try again.
          </PageError>
        ) : rows.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-600">
            No leads were created in the last {days} days. Share a course page or import a list to start the funnel.
          </p>
        ) : (
          <div className="grid gap-4">
            <Suspense fallback={<Skeleton className="h-72 w-full" />}>
              <div aria-hidden="true">
                <FunnelBars rows={rows} />
              </div>
            </Suspense>
            <table className="w-full text-sm">
              <caption className="sr-only">Funnel totals for the last {days} days</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 font-medium">Stage</th>
                  <th scope="col" className="py-1 text-right font-medium">Leads</th>
                  <th scope="col" className="py-1 text-right font-medium">Of all leads</th>
                </tr>
              </thead>
              <tbody>
                {funnelTotals(rows).map((stage) => (
                  <tr key={stage.key} className="border-t border-slate-100">
                    <th scope="row" className="py-1 text-left font-normal">{stage.label}</th>
                    <td className="py-1 text-right tabular-nums">{stage.count.toLocaleString("en-IN")}</td>
                    <td className="py-1 text-right tabular-nums">{stage.percentOfLeads === null ? "—" : `${String(stage.percentOfLeads)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
