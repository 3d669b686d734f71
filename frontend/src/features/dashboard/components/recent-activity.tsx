/** The newest events across the center, newest first, times in the viewer's zone. */
import { Link } from "react-router";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatRelativeTime } from "@/lib/format/time";
import { activityLink, describeActivity, type ActivityItem } from "../dashboard-model";
import { useRecentActivity } from "../hooks/use-dashboard";

const MAX_ITEMS = 20;

function ActivityRow({ item, timeZone, now }: { item: ActivityItem; timeZone: string; now: Date }) {
  const link = activityLink(item);
  const who = item.title || "Someone";
  return (
    <li className="flex flex-col gap-0.5 border-t border-slate-100 py-2 first:border-t-0 sm:flex-row sm:items-baseline sm:gap-3">
      <time dateTime={item.occurred_at} title={formatDateTime(item.occurred_at, timeZone)} className="w-24 shrink-0 text-xs text-slate-500">
        {formatRelativeTime(item.occurred_at, now, timeZone)}
      </time>
      <p className="min-w-0 text-sm">
        {link ? (
          <Link to={link} className="font-medium text-brand-700 hover:underline">
            {who}
          </Link>
        ) : (
          <span className="font-medium">{who}</span>
        )}{" "}
        <span className="break-words text-slate-700">{describeActivity(item)}</span>
      </p>
    </li>
  );
}

export function RecentActivity({ timeZone, now = new Date() }: { timeZone: string; now?: Date }) {
  const activity = useRecentActivity(MAX_ITEMS);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent activity</CardTitle>
      </CardHeader>
      <CardContent>
        {activity.isPending ? (
          <div className="grid gap-3" role="status" aria-label="Loading recent activity">
            {Array.from({ length: 5 }, (_, index) => (
              <Skeleton key={index} className="h-5 w-full" />
            ))}
          </div>
        ) : activity.isError ? (
          <PageError title="Could not load recent activity" onRetry={() => void activity.refetch()}>
            Check your connection and try again.
          </PageError>
        ) : activity.data.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600">Nothing has happened yet. New leads, payments and messages will show here.</p>
        ) : (
          <ol aria-label="Recent activity, newest first">
            {activity.data.map((item) => (
              <ActivityRow key={`${item.entity_table}:${item.entity_id}:${item.kind}`} item={item} timeZone={timeZone} now={now} />
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
