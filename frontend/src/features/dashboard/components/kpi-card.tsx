/** One KPI: the last 7 days' value, its change against the 7 days before, and a daily sparkline. */
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { formatKpiValue, trendOf, type Kpi } from "../dashboard-model";
import { Sparkline } from "./sparkline";

interface KpiCardProps {
  title: string;
  kpi: Kpi;
  unit: "count" | "percent" | "money";
  currency?: string;
  /** Current counts (e.g. open tickets) have no previous week to compare with. */
  caption?: string;
}

const trendIcons = { up: ArrowUpRight, down: ArrowDownRight, flat: Minus, none: Minus };

export function KpiCard({ title, kpi, unit, currency, caption = "last 7 days" }: KpiCardProps) {
  const trend = trendOf(kpi, unit === "percent" ? "percent" : "count");
  const TrendIcon = trendIcons[trend.direction];
  const daily = kpi.daily.map((point) => point.value);
  const dailyText = kpi.daily.map((point) => formatKpiValue(point.value, unit, currency)).join(", ");
  return (
    <Card className="flex flex-col gap-2 p-4">
      <h3 className="text-sm font-medium text-slate-600">{title}</h3>
      <div className="flex items-end justify-between gap-2">
        <p className="text-2xl font-semibold tabular-nums">{formatKpiValue(kpi.value, unit, currency)}</p>
        {daily.length > 0 ? <Sparkline values={daily} label={`${title} by day: ${dailyText}`} /> : null}
      </div>
      <p className="flex items-center gap-1 text-xs text-slate-600">
        {trend.direction === "none" ? (
          caption
        ) : (
          <>
            <span
              className={cn(
                "inline-flex items-center font-medium",
                trend.direction === "up" && "text-emerald-700",
                trend.direction === "down" && "text-red-700",
              )}
            >
              <TrendIcon className="size-3.5" aria-hidden="true" />
              {trend.label}
            </span>
            <span>vs the 7 days before</span>
          </>
        )}
      </p>
    </Card>
  );
}

export function KpiCardSkeleton() {
  return (
    <Card className="flex flex-col gap-3 p-4">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-8 w-20" />
      <Skeleton className="h-3 w-32" />
    </Card>
  );
}
